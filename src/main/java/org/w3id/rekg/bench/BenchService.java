package org.w3id.rekg.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonNumber;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.query.QueryService;
import org.w3id.rekg.serve.RekgServer;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * Measures REKG and prints each figure beside its obvious alternative, measured in the same run:
 * <ul>
 * <li><b>build</b>: the full build (read, check, infer, store) into a fresh TDB2 store, beside
 *     loading the same compiled RDF into a fresh TDB2 store with no checks, beside creating an
 *     empty store, and the cold
 *     {@code java -jar rekg.jar build --in-memory} as a new JVM;</li>
 * <li><b>serve</b>: a new JVM running {@code rekg serve --no-build}, from process start to the
 *     first SPARQL answer, beside a bare Fuseki ({@code FusekiMainCmd --loc}) on the same store;</li>
 * <li><b>queries</b>: the latency of each query over HTTP against an in-process REKG server,
 *     beside the same query run in process, beside {@code ASK {}} over HTTP, and beside the same
 *     query over HTTP to a bare Fuseki server on the same store.</li>
 * </ul>
 * Tables go to {@code out}, progress to {@code progress}; {@link #run} returns the figures as JSON.
 *
 * <pre>{@code
 * JsonObject figures = new BenchService(new ProjectLayout(Path.of(".")), Path.of("target/rekg.jar"), 10,
 *         new PrintWriter(System.out, true), System.err::println).run(EnumSet.allOf(BenchService.Section.class));
 * }</pre>
 */
public final class BenchService {
    /** The parts of the bench. */
    public enum Section { BUILD, SERVE, QUERIES }

    /** How long a child JVM may take to start and answer, or to finish a build. */
    public static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** JVM options of every child JVM (the launcher's heap; no log4j2 setup, which the jar does not carry). */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx2g", "-Dlog4j2.configurationFile=none");
    /** What the {@code rekg} launcher adds for short commands (build, query, export). */
    static final List<String> LAUNCHER_SHORT_COMMAND_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Fuseki's command-line server class in jena-fuseki-main. */
    static final String FUSEKI_MAIN = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd";
    /** Most runs of the new-JVM build and of the {@code --version} floors (each takes seconds). */
    static final int MAX_COLD_BUILD_RUNS = 5;
    /** Unmeasured rounds before the query latencies are measured. */
    static final int QUERY_WARMUP_ROUNDS = 3;
    static final double BUILD_AIM_MS = 3000;
    static final double SERVE_AIM_MS = 500;
    static final double QUERY_AIM_RATIO = 1.5;

    /** Queries used when the project has no {@code queries/} folder. */
    static final Map<String, String> BUILT_IN_QUERIES = builtInQueries();

    private final ProjectLayout layout;
    private final Path jar;
    private final int iterations;
    private final PrintWriter out;
    private final Consumer<String> progress;
    private Path work;

    /**
     * @param layout     the project to build
     * @param jar        the runnable jar for the child JVMs ({@code target/rekg.jar}); the parts that need it are skipped if it is missing
     * @param iterations measured runs of each figure (at least 1)
     * @param out        where the tables go
     * @param progress   where progress lines go
     */
    public BenchService(ProjectLayout layout, Path jar, int iterations, PrintWriter out, Consumer<String> progress) {
        if (iterations < 1) {
            throw new RekgException(ErrorCode.USAGE, "--iterations must be at least 1, got " + iterations);
        }
        this.layout = layout;
        this.jar = jar.toAbsolutePath().normalize();
        this.iterations = iterations;
        this.out = out;
        this.progress = progress;
    }

    /** Runs the sections asked for, in the order build, serve, queries; prints their tables and returns all figures. */
    public JsonObject run(Set<Section> sections) {
        quietRequestLogs();
        JsonObject figures = new JsonObject();
        figures.put("iterations", iterations);
        figures.put("project", layout.root().toString());
        figures.put("jar", jar.toString());
        figures.put("java", System.getProperty("java.version"));
        figures.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        out.printf("rekg bench: %d iteration(s), Java %s, %d core(s), project %s%n", iterations,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), layout.root());
        out.flush();
        try {
            work = Files.createTempDirectory("rekg-bench");
        } catch (IOException e) {
            throw new RekgException(ErrorCode.STORE, "cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            for (Section s : EnumSet.copyOf(sections)) {
                out.println();
                JsonObject part = switch (s) {
                    case BUILD -> build();
                    case SERVE -> serve();
                    case QUERIES -> queries();
                };
                figures.put(s.name().toLowerCase(Locale.ROOT), part);
                out.flush();
            }
        } finally {
            deleteTree(work);
        }
        return figures;
    }

    /** Writes {@code figures} as JSON to {@code file}. */
    public static void writeJson(JsonObject figures, Path file) {
        try (OutputStream os = Files.newOutputStream(file)) {
            JSON.write(os, figures);
            os.write('\n');
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- build

    private JsonObject build() {
        progress.accept("build: warm-up");
        BuildService.Result first = timedStoreRun(this::fullBuild).result;
        BuildService.Compiled compiled = new BuildService(layout).compile();
        timedStoreRun(dir -> loadOnly(dir, compiled));
        timedStoreRun(BenchService::emptyCommit);
        List<Double> full = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> empty = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            progress.accept(String.format("build: run %d/%d", i + 1, iterations));
            full.add(timedStoreRun(this::fullBuild).millis);
            load.add(timedStoreRun(dir -> loadOnly(dir, compiled)).millis);
            empty.add(timedStoreRun(BenchService::emptyCommit).millis);
        }
        Stats fullStats = Stats.of(full);
        Stats loadStats = Stats.of(load);
        Stats emptyStats = Stats.of(empty);

        Stats cold = null;
        Stats coldDefaultJit = null;
        String coldSkipped = null;
        if (Files.isRegularFile(jar)) {
            int runs = Math.min(iterations, MAX_COLD_BUILD_RUNS);
            List<Double> coldRuns = new ArrayList<>();
            List<Double> defaultRuns = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                progress.accept(String.format("build: new JVM, run %d/%d", i + 1, runs));
                for (boolean launcherFlags : new boolean[] {true, false}) {
                    List<String> opts = new ArrayList<>(CHILD_JVM_OPTIONS);
                    if (launcherFlags) {
                        opts.addAll(LAUNCHER_SHORT_COMMAND_OPTIONS);
                    }
                    List<String> cmd = JvmProcess.javaCommand(opts);
                    cmd.addAll(List.of("-jar", jar.toString(), "build", "--in-memory", "--quiet", "--project", layout.root().toString()));
                    (launcherFlags ? coldRuns : defaultRuns).add(JvmProcess.runToEnd(cmd, work.resolve("cold-build.log"), START_LIMIT));
                }
            }
            cold = Stats.of(coldRuns);
            coldDefaultJit = Stats.of(defaultRuns);
        } else {
            coldSkipped = "no jar at " + jar + " (build it with mvn package, or give --jar)";
        }

        out.printf("build: the curated graph (%d quads in %d graphs) into a fresh TDB2 store; %d run(s) after 1 warm-up, ms%n",
                first.quads(), first.graphs().size(), iterations);
        TextTable t = new TextTable("", "min", "median", "max", "runs");
        t.row(statsRow("rekg build (read, check, infer, store)", fullStats, "%.0f"));
        t.row(statsRow("load the compiled RDF only (no checks)", loadStats, "%.0f"));
        t.row(statsRow("floor: a fresh TDB2 store, empty commit", emptyStats, "%.0f"));
        t.row("cost of reading, checking and inferring", "", ms(fullStats.median() - loadStats.median(), "%.0f"), "", "");
        if (cold != null) {
            t.row(statsRow("new JVM as ./rekg runs it: build --in-memory", cold, "%.0f"));
            t.row(statsRow("new JVM, default JIT flags", coldDefaultJit, "%.0f"));
        }
        t.print(out);
        if (coldSkipped != null) {
            out.println("  new JVM build: skipped, " + coldSkipped);
        }
        boolean metInProcess = fullStats.median() < BUILD_AIM_MS;
        boolean met = metInProcess && (cold == null || cold.median() < BUILD_AIM_MS);
        out.printf("  aim: a build under %.0f s: %s in process (median %s ms)%s%n", BUILD_AIM_MS / 1000,
                metInProcess ? "met" : "NOT met", ms(fullStats.median(), "%.0f"), cold == null ? ""
                        : String.format("; %s as a new JVM (median %s ms)", cold.median() < BUILD_AIM_MS ? "met" : "NOT met",
                                ms(cold.median(), "%.0f")));

        JsonObject j = new JsonObject();
        j.put("quads", first.quads());
        j.put("graphs", first.graphs().size());
        j.put("fullBuild", fullStats.toJson());
        j.put("loadOnly", loadStats.toJson());
        j.put("emptyStore", emptyStats.toJson());
        j.put("checkingCostMedianMs", json(fullStats.median() - loadStats.median()));
        if (cold != null) {
            j.put("newJvmInMemoryBuild", cold.toJson());
            j.put("newJvmInMemoryBuildDefaultJit", coldDefaultJit.toJson());
        } else {
            j.put("newJvmInMemoryBuildSkipped", coldSkipped);
        }
        j.put("aimMs", json(BUILD_AIM_MS));
        j.put("aimMetInProcess", metInProcess);
        j.put("aimMet", met);
        return j;
    }

    private record Timed(double millis, BuildService.Result result) {}

    /** Times {@code run} on a fresh TDB2 store in a new folder (opening, writing and committing); then drops the store. */
    private Timed timedStoreRun(java.util.function.Function<Dataset, BuildService.Result> run) {
        Path dir;
        try {
            dir = Files.createTempDirectory(work, "store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        Dataset ds = Store.open(dir);
        BuildService.Result r;
        double ms;
        try {
            r = run.apply(ds);
            ms = (System.nanoTime() - t0) / 1e6;
        } finally {
            TDBInternal.expel(ds.asDatasetGraph());
        }
        deleteTree(dir);
        return new Timed(ms, r);
    }

    private BuildService.Result fullBuild(Dataset ds) {
        return new BuildService(layout).build(ds);
    }

    /** The alternative to a build: the compiled graphs straight into the store, one write transaction, no checks. */
    private static BuildService.Result loadOnly(Dataset ds, BuildService.Compiled compiled) {
        DatasetGraph dsg = ds.asDatasetGraph();
        Txn.executeWrite(dsg, () -> compiled.graphs().forEach((name, g) -> GraphUtil.addInto(dsg.getGraph(name), g)));
        return null;
    }

    /** The floor of a store write: create the store, commit an empty write transaction. */
    private static BuildService.Result emptyCommit(Dataset ds) {
        Txn.executeWrite(ds, () -> { });
        return null;
    }

    // ---- serve

    private JsonObject serve() {
        JsonObject j = new JsonObject();
        if (!Files.isRegularFile(jar)) {
            String why = "no jar at " + jar + " (build it with mvn package, or give --jar)";
            out.println("serve: skipped, " + why);
            j.put("skipped", why);
            return j;
        }
        Path store = work.resolve("serve-store");
        progress.accept("serve: building the store " + store);
        List<String> buildCmd = JvmProcess.javaCommand(CHILD_JVM_OPTIONS);
        buildCmd.addAll(List.of("-jar", jar.toString(), "build", "--quiet", "--project", layout.root().toString(), "--store", store.toString()));
        JvmProcess.runToEnd(buildCmd, work.resolve("serve-build.log"), START_LIMIT);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        List<Double> rekg = new ArrayList<>();
        List<Double> fuseki = new ArrayList<>();
        progress.accept("serve: warm-up (one start of each, not counted)");
        coldStart(http, true, store);
        coldStart(http, false, store);
        for (int i = 0; i < iterations; i++) {
            progress.accept(String.format("serve: run %d/%d", i + 1, iterations));
            boolean rekgFirst = i % 2 == 0;
            double a = coldStart(http, rekgFirst, store);
            double b = coldStart(http, !rekgFirst, store);
            (rekgFirst ? rekg : fuseki).add(a);
            (rekgFirst ? fuseki : rekg).add(b);
        }
        Stats r = Stats.of(rekg);
        Stats f = Stats.of(fuseki);
        // The floor of both: a new JVM that loads the jar and its command line, prints its version and ends.
        int floorRuns = Math.min(iterations, MAX_COLD_BUILD_RUNS);
        List<Double> rekgFloor = new ArrayList<>();
        List<Double> fusekiFloor = new ArrayList<>();
        for (int i = 0; i < floorRuns; i++) {
            progress.accept(String.format("serve: --version floor, run %d/%d", i + 1, floorRuns));
            List<String> a = JvmProcess.javaCommand(CHILD_JVM_OPTIONS);
            a.addAll(List.of("-jar", jar.toString(), "--version"));
            rekgFloor.add(JvmProcess.runToEnd(a, work.resolve("version.log"), START_LIMIT));
            List<String> b = JvmProcess.javaCommand(CHILD_JVM_OPTIONS);
            b.addAll(List.of("-cp", jar.toString(), FUSEKI_MAIN, "--version"));
            fusekiFloor.add(JvmProcess.runToEnd(b, work.resolve("version.log"), START_LIMIT));
        }
        Stats rv = Stats.of(rekgFloor);
        Stats fv = Stats.of(fusekiFloor);
        out.printf("serve: new JVM on a built store, from process start to the first answer to ASK {}; %d run(s) each, alternated, ms%n", iterations);
        TextTable t = new TextTable("", "median", "min", "max", "runs");
        t.row("rekg serve --no-build", ms(r.median(), "%.0f"), ms(r.min(), "%.0f"), ms(r.max(), "%.0f"), Integer.toString(r.count()));
        t.row("bare Fuseki (FusekiMainCmd --loc)", ms(f.median(), "%.0f"), ms(f.min(), "%.0f"), ms(f.max(), "%.0f"), Integer.toString(f.count()));
        t.row("difference (REKG - Fuseki)", signed(r.median() - f.median()), signed(r.min() - f.min()), "", "");
        t.row("floor: java -jar rekg.jar --version", ms(rv.median(), "%.0f"), ms(rv.min(), "%.0f"), ms(rv.max(), "%.0f"), Integer.toString(rv.count()));
        t.row("floor: FusekiMainCmd --version", ms(fv.median(), "%.0f"), ms(fv.min(), "%.0f"), ms(fv.max(), "%.0f"), Integer.toString(fv.count()));
        t.print(out);
        double diff = r.median() - f.median();
        boolean met = diff <= SERVE_AIM_MS;
        out.printf("  aim: REKG within %.1f s of bare Fuseki: %s (median difference %s ms)%n", SERVE_AIM_MS / 1000,
                met ? "met" : "NOT met", signed(diff));
        j.put("rekgServe", r.toJson());
        j.put("bareFuseki", f.toJson());
        j.put("differenceMedianMs", json(diff));
        j.put("rekgVersionFloor", rv.toJson());
        j.put("fusekiVersionFloor", fv.toJson());
        j.put("differenceMinMs", json(r.min() - f.min()));
        j.put("aimMs", json(SERVE_AIM_MS));
        j.put("aimMet", met);
        return j;
    }

    /** Starts the REKG server or a bare Fuseki as a new JVM on {@code store}; returns the ms to its first answer; stops it. */
    private double coldStart(HttpClient http, boolean rekg, Path store) {
        int port = JvmProcess.freePort();
        List<String> cmd = JvmProcess.javaCommand(CHILD_JVM_OPTIONS);
        String url;
        if (rekg) {
            cmd.addAll(List.of("-Drekg.home=" + layout.root(), "-jar", jar.toString(), "serve", "--no-build",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--store", store.toString(),
                    "--project", layout.root().toString()));
            url = "http://127.0.0.1:" + port + RekgServer.DATASET + "/sparql";
        } else {
            cmd.addAll(List.of("-cp", jar.toString(), FUSEKI_MAIN, "--localhost", "--loc=" + store, "--port=" + port, "/ds"));
            url = "http://127.0.0.1:" + port + "/ds/sparql";
        }
        try (JvmProcess p = JvmProcess.start(cmd, work.resolve(rekg ? "rekg-serve.log" : "fuseki.log"))) {
            return p.untilFirstAnswer(http, url, START_LIMIT);
        }
    }

    // ---- queries

    private JsonObject queries() {
        Map<String, String> texts = loadQueries();
        Path store = work.resolve("query-store");
        progress.accept("queries: building the store " + store);
        Dataset ds = Store.open(store);
        RekgServer server = null;
        FusekiServer fuseki = null;
        try {
            new BuildService(layout).build(ds);
            server = RekgServer.create().dataset(ds).host("127.0.0.1").port(0).build().start();
            fuseki = bareFuseki(ds);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            URI endpoint = URI.create(server.sparqlUrl());
            URI fusekiEndpoint = URI.create("http://127.0.0.1:" + fuseki.getHttpPort() + "/ds/sparql");
            Map<String, Query> parsed = new LinkedHashMap<>();
            texts.forEach((name, text) -> parsed.put(name, QueryService.parse(text)));

            Map<String, List<Double>> local = new LinkedHashMap<>();
            Map<String, List<Double>> remote = new LinkedHashMap<>();
            Map<String, List<Double>> bare = new LinkedHashMap<>();
            Map<String, Long> rows = new LinkedHashMap<>();
            List<Double> ask = new ArrayList<>();
            List<Double> bareAsk = new ArrayList<>();
            Query askQuery = QueryService.parse("ASK {}");
            for (int round = -QUERY_WARMUP_ROUNDS; round < iterations; round++) {
                if (round == -QUERY_WARMUP_ROUNDS || round >= 0) {
                    progress.accept(round < 0 ? "queries: warm-up" : String.format("queries: round %d/%d", round + 1, iterations));
                }
                double a = time(() -> http(http, endpoint, "ASK {}", askQuery));
                double fa = time(() -> http(http, fusekiEndpoint, "ASK {}", askQuery));
                if (round >= 0) {
                    ask.add(a);
                    bareAsk.add(fa);
                }
                for (var e : parsed.entrySet()) {
                    String name = e.getKey();
                    long[] n = new long[1];
                    double l = time(() -> n[0] = inProcess(ds, e.getValue()));
                    double h = time(() -> http(http, endpoint, QueryService.PREFIXES + texts.get(name), e.getValue()));
                    double f = time(() -> http(http, fusekiEndpoint, QueryService.PREFIXES + texts.get(name), e.getValue()));
                    if (round >= 0) {
                        local.computeIfAbsent(name, k -> new ArrayList<>()).add(l);
                        remote.computeIfAbsent(name, k -> new ArrayList<>()).add(h);
                        bare.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
                        rows.put(name, n[0]);
                    }
                }
            }

            Stats askStats = Stats.of(ask);
            Stats bareAskStats = Stats.of(bareAsk);
            double floor = askStats.median();
            out.printf("queries: %s over HTTP on 127.0.0.1 (in-process REKG server) beside the same query in process;%n"
                    + "  and beside a bare Fuseki server in the same JVM on the same store;%n"
                    + "  %d run(s) each after %d warm-up round(s), ms; ratio = REKG HTTP p50 / REKG (ASK {} over HTTP) p50%n",
                    texts == BUILT_IN_QUERIES ? "built-in queries (no queries/ folder)" : "queries/*.rq", iterations, QUERY_WARMUP_ROUNDS);
            TextTable t = new TextTable("query", "rows", "in-process p50", "HTTP p50", "HTTP p99", "ratio", "Fuseki HTTP p50");
            t.row("ASK {} (the protocol's floor)", "1", "", ms(floor, "%.2f"), ms(askStats.percentile(99), "%.2f"), "1.00",
                    ms(bareAskStats.median(), "%.2f"));
            JsonArray list = new JsonArray();
            int withinAim = 0;
            String worst = null;
            double worstRatio = 0;
            for (String name : parsed.keySet()) {
                Stats l = Stats.of(local.get(name));
                Stats h = Stats.of(remote.get(name));
                Stats b = Stats.of(bare.get(name));
                double ratio = h.median() / floor;
                if (ratio <= QUERY_AIM_RATIO) {
                    withinAim++;
                }
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = name;
                }
                t.row(name, Long.toString(rows.get(name)), ms(l.median(), "%.2f"), ms(h.median(), "%.2f"),
                        ms(h.percentile(99), "%.2f"), String.format(Locale.ROOT, "%.2f", ratio), ms(b.median(), "%.2f"));
                JsonObject q = new JsonObject();
                q.put("query", name);
                q.put("rows", rows.get(name));
                q.put("inProcess", l.toJson());
                q.put("http", h.toJson());
                q.put("bareFusekiHttp", b.toJson());
                q.put("ratioToAsk", json(ratio));
                list.add(q);
            }
            t.print(out);
            out.printf("  aim: HTTP p50 within %.1fx of the ASK {} floor: met for %d of %d queries (highest: %s, %.2fx)%n",
                    QUERY_AIM_RATIO, withinAim, parsed.size(), worst, worstRatio);
            JsonObject j = new JsonObject();
            j.put("askFloor", askStats.toJson());
            j.put("bareFusekiAskFloor", bareAskStats.toJson());
            j.put("queries", list);
            j.put("aimRatio", json(QUERY_AIM_RATIO));
            j.put("aimMetFor", withinAim);
            return j;
        } finally {
            if (server != null) {
                server.stop();
            }
            if (fuseki != null) {
                fuseki.stop();
            }
            TDBInternal.expel(ds.asDatasetGraph());
        }
    }

    /**
     * Turns off, for both in-process servers, the per-request log lines (one to four per request,
     * with the whole query text) that would drown the bench's output, unless the user set their
     * level. SLF4J-simple reads these properties when a logger is first made, and Jena's start-up
     * makes Fuseki's loggers, so this acts only if Jena was not used in this JVM before.
     */
    private static void quietRequestLogs() {
        for (String log : List.of("org.apache.jena.fuseki.Fuseki", "org.apache.jena.fuseki.Request",
                "org.apache.jena.fuseki.Server", "org.eclipse.jetty")) {
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log." + log, "warn");
        }
    }

    /** A bare Fuseki server on {@code ds} at {@code /ds}, as Fuseki's defaults make it, listening on 127.0.0.1 at a free port. */
    private static FusekiServer bareFuseki(Dataset ds) {
        FusekiServer f = FusekiServer.create().port(0).add("/ds", ds.asDatasetGraph()).build();
        for (Connector c : f.getJettyServer().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setHost("127.0.0.1");
            }
        }
        return f.start();
    }

    /** {@code queries/*.rq} of the project, by file name without {@code .rq}; else the built-in set. */
    private Map<String, String> loadQueries() {
        Path dir = layout.root().resolve("queries");
        if (!Files.isDirectory(dir)) {
            return BUILT_IN_QUERIES;
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 3), Files.readString(f));
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read " + dir + ": " + e.getMessage(), e);
        }
        return out.isEmpty() ? BUILT_IN_QUERIES : out;
    }

    private static Map<String, String> builtInQueries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("count-quads", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }");
        q.put("mines-with-labels", "SELECT ?mine ?label { ?mine a rekg:Mine ; rdfs:label ?label } ORDER BY ?mine");
        q.put("claims-and-sources", "SELECT ?claim ?about ?source ?at { ?claim a rekg:Claim ; rekg:about ?about ; "
                + "prov:wasDerivedFrom ?source ; rekg:locator ?at } LIMIT 500");
        q.put("classes-by-size", "SELECT ?class (COUNT(?s) AS ?n) { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)");
        q.put("describe-a-source", "CONSTRUCT { ?s ?p ?o } { ?s a rekg:SourceDocument ; ?p ?o }");
        return java.util.Collections.unmodifiableMap(q);
    }

    /** Runs {@code q} on the dataset in a read transaction, consuming every result; returns the rows (or triples). */
    private static long inProcess(Dataset ds, Query q) {
        return Txn.calculateRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                long n = 0;
                switch (q.queryType()) {
                    case SELECT -> {
                        ResultSet rs = qe.execSelect();
                        while (rs.hasNext()) {
                            rs.next();
                            n++;
                        }
                    }
                    case ASK -> {
                        qe.execAsk();
                        n = 1;
                    }
                    case CONSTRUCT -> {
                        var it = qe.execConstructTriples();
                        while (it.hasNext()) {
                            it.next();
                            n++;
                        }
                    }
                    case DESCRIBE -> {
                        var it = qe.execDescribeTriples();
                        while (it.hasNext()) {
                            it.next();
                            n++;
                        }
                    }
                    default -> throw new RekgException(ErrorCode.QUERY, "not a query the bench can run: " + q.queryType());
                }
                return n;
            }
        });
    }

    /** POSTs {@code text} to the endpoint and reads the whole answer; fails on a status other than 200. */
    private static void http(HttpClient http, URI endpoint, String text, Query parsed) {
        String accept = parsed.isSelectType() || parsed.isAskType() ? "application/sparql-results+json" : "text/turtle";
        HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/sparql-query; charset=utf-8").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new RekgException(ErrorCode.QUERY, "HTTP " + r.statusCode() + " from " + endpoint + ": "
                        + new String(r.body(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.SERVER, "no answer from " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RekgException(ErrorCode.SERVER, "interrupted", e);
        }
    }

    // ---- helpers

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String[] statsRow(String label, Stats s, String fmt) {
        return new String[] {label, ms(s.min(), fmt), ms(s.median(), fmt), ms(s.max(), fmt), Integer.toString(s.count())};
    }

    private static String ms(double v, String fmt) {
        return String.format(Locale.ROOT, fmt, v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.0f", v);
    }

    /** A number of ms as JSON, to the microsecond. */
    static JsonNumber json(double ms) {
        return JsonNumber.value(BigDecimal.valueOf(ms).setScale(3, RoundingMode.HALF_UP));
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing the bench for
        }
    }
}

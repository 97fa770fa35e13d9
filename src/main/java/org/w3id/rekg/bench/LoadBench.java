package org.w3id.rekg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.serve.RekgServer;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * The load test: {@code clients} concurrent clients run the {@code queries/*.rq} catalogue in a
 * loop against a REKG server on the loopback interface, after an unmeasured warm-up of a quarter of
 * {@code duration}, first alone for {@code duration}, then for
 * another {@code duration} while one more client sends pathological queries (a cross product and
 * an unbounded property path) that the server must stop at its query timeout. It reports the
 * throughput, the p50 and p99 latency of the catalogue queries in both phases, the errors (any
 * answer but 200 to a catalogue query, or a failed request), and how each pathological query ended.
 * <p>
 * Bounded: every request has a client-side limit (the server timeout plus 30 s), the phases end
 * after {@code duration} and the server is stopped. It stops by itself.
 *
 * <pre>{@code
 * LoadBench.Figures f = new LoadBench(8, Duration.ofSeconds(60), Duration.ofSeconds(5), out, progress)
 *         .run(RekgServer.create().dataset(ds), LoadBench.catalogue(Path.of("queries")));
 * }</pre>
 */
public final class LoadBench {

    /** A cross product of the whole store with itself, three times. */
    public static final String CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    /** Every pair of nodes joined by a path of any length, twice over. */
    public static final String UNBOUNDED_PATH = "SELECT (COUNT(*) AS ?n) { ?a (!<urn:x:none>)* ?b . ?c (!<urn:x:none>)+ ?d }";

    private final int clients;
    private final Duration duration;
    private final Duration queryTimeout;
    private final PrintWriter out;
    private final Consumer<String> progress;

    /**
     * @param clients      concurrent clients of the catalogue (at least 1)
     * @param duration     length of each of the two phases
     * @param queryTimeout the server's query timeout, which must stop the pathological queries
     */
    public LoadBench(int clients, Duration duration, Duration queryTimeout, PrintWriter out, Consumer<String> progress) {
        if (clients < 1) {
            throw new RekgException(ErrorCode.USAGE, "--clients must be at least 1, got " + clients);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new RekgException(ErrorCode.USAGE, "the duration must be positive, got " + duration);
        }
        this.clients = clients;
        this.duration = duration;
        this.queryTimeout = queryTimeout;
        this.out = out;
        this.progress = progress;
    }

    /** Latencies and errors of one phase. */
    public record Phase(long requests, long errors, double seconds, Stats latency, List<String> errorSamples) {
        public double throughput() {
            return requests / seconds;
        }
    }

    /** How one pathological query ended: its HTTP status (0 if the request failed) and time. */
    public record Pathological(String query, int status, double millis) {}

    /** The figures of a run. */
    public record Figures(Phase alone, Phase withPathological, List<Pathological> pathological) {
        /** Errors of the catalogue queries in both phases. */
        public long errors() {
            return alone.errors() + withPathological.errors();
        }

        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.put("alone", json(alone));
            o.put("withPathological", json(withPathological));
            o.put("pathologicalQueries", pathological.size());
            o.put("pathologicalStopped", pathological.stream().filter(p -> p.status() != 200).count());
            o.put("pathologicalMaxMs", BenchService.json(pathological.stream().mapToDouble(Pathological::millis).max().orElse(0)));
            return o;
        }

        private static JsonObject json(Phase p) {
            JsonObject o = new JsonObject();
            o.put("requests", p.requests());
            o.put("errors", p.errors());
            o.put("throughputPerSecond", BenchService.json(p.throughput()));
            o.put("p50Ms", BenchService.json(p.latency().count() == 0 ? 0 : p.latency().percentile(50)));
            o.put("p99Ms", BenchService.json(p.latency().count() == 0 ? 0 : p.latency().percentile(99)));
            return o;
        }
    }

    /** The {@code .rq} files of {@code dir} by file name, in order. */
    public static Map<String, String> catalogue(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read the queries in " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new RekgException(ErrorCode.USAGE, "no .rq file in " + dir);
        }
        return out;
    }

    /** Builds {@code layout} into a temporary in-memory store and runs the load test against it. */
    public Figures run(ProjectLayout layout) {
        Dataset ds = Store.inMemory();
        BuildService.Result r = new BuildService(layout).build(ds);
        progress.accept(String.format("built %d quads in memory", r.quads()));
        return run(RekgServer.create().dataset(ds), catalogue(layout.root().resolve("queries")));
    }

    /** Starts the server (on 127.0.0.1, a free port, the query timeout of this bench), runs both phases, stops it. */
    public Figures run(RekgServer.Builder server, Map<String, String> queries) {
        RekgServer s = server.host("127.0.0.1").port(0).queryTimeout(queryTimeout).build().start();
        try {
            String url = s.sparqlUrl();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(2, daemon("load-http"))).build();
            List<HttpRequest> requests = new ArrayList<>();
            for (String q : queries.values()) {
                requests.add(get(url, q));
            }
            Duration warm = duration.dividedBy(4);
            progress.accept(String.format("warm-up (not measured): %d clients for %d ms", clients, warm.toMillis()));
            phase(http, requests, null, null, warm);
            progress.accept(String.format("phase 1: %d clients for %d s", clients, duration.toSeconds()));
            Phase alone = phase(http, requests, null, null, duration);
            progress.accept(String.format("phase 2: %d clients for %d s, plus one client sending pathological queries", clients, duration.toSeconds()));
            List<Pathological> patho = Collections.synchronizedList(new ArrayList<>());
            Phase loaded = phase(http, requests, List.of(get(url, CROSS_PRODUCT), get(url, UNBOUNDED_PATH)), patho, duration);
            Figures f = new Figures(alone, loaded, List.copyOf(patho));
            print(f, queries.size());
            return f;
        } finally {
            s.stop();
        }
    }

    private static HttpRequest get(String url, String query) {
        return HttpRequest.newBuilder(URI.create(url + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json, text/turtle;q=0.9").timeout(Duration.ofMinutes(5)).GET().build();
    }

    private Phase phase(HttpClient http, List<HttpRequest> catalogue, List<HttpRequest> pathological, List<Pathological> patho,
                        Duration length) {
        long end = System.nanoTime() + length.toNanos();
        long limitMillis = queryTimeout.toMillis() + 30_000;
        AtomicLong errors = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        List<List<Double>> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1, daemon("load-client"));
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Double> lat = new ArrayList<>();
                perClient.add(lat);
                int first = c;
                running.add(pool.submit(() -> {
                    for (int i = first; System.nanoTime() < end; i++) {
                        HttpRequest q = catalogue.get(i % catalogue.size());
                        long s = System.nanoTime();
                        int status = send(http, q);
                        lat.add((System.nanoTime() - s) / 1e6);
                        if (status != 200) {
                            errors.incrementAndGet();
                            if (samples.size() < 5) {
                                samples.add(status + " " + q.uri().toString().substring(0, Math.min(200, q.uri().toString().length())));
                            }
                        }
                    }
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }));
            }
            if (pathological != null) {
                running.add(pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        HttpRequest q = pathological.get(i % pathological.size());
                        long s = System.nanoTime();
                        int status = send(http, q);
                        patho.add(new Pathological(i % 2 == 0 ? "cross product" : "unbounded property path", status, (System.nanoTime() - s) / 1e6));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(length.toMillis() + limitMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RekgException(ErrorCode.SERVER, "the load test was interrupted", e);
        } catch (Exception e) {
            throw new RekgException(ErrorCode.SERVER, "a load client failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        // the catalogue clients' time: a pathological query still running at the end does not count
        double seconds = (lastEnd.get() - t0) / 1e9;
        List<Double> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        return new Phase(all.size(), errors.get(), seconds, Stats.of(all), List.copyOf(samples));
    }

    /** Sends a request and reads the whole answer; returns the status, or 0 if the request failed. */
    private static int send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void print(Figures f, int queryCount) {
        TextTable t = new TextTable("phase", "requests", "errors", "req/s", "p50 ms", "p99 ms");
        row(t, clients + " clients, catalogue alone", f.alone());
        row(t, clients + " clients + pathological", f.withPathological());
        out.printf("load: %d clients, %d catalogue queries, %d s per phase, query timeout %d ms%n", clients, queryCount,
                duration.toSeconds(), queryTimeout.toMillis());
        t.print(out);
        long stopped = f.pathological().stream().filter(p -> p.status() != 200).count();
        out.printf("pathological queries: %d sent, %d stopped by the timeout (%s), longest %.0f ms%n", f.pathological().size(), stopped,
                f.pathological().stream().map(p -> Integer.toString(p.status())).distinct().reduce((a, b) -> a + ", " + b).orElse("-"),
                f.pathological().stream().mapToDouble(Pathological::millis).max().orElse(0));
        for (String s : f.alone().errorSamples()) {
            out.println("  error: " + s);
        }
        for (String s : f.withPathological().errorSamples()) {
            out.println("  error: " + s);
        }
        out.flush();
    }

    private static void row(TextTable t, String name, Phase p) {
        t.row(name, Long.toString(p.requests()), Long.toString(p.errors()), String.format("%.1f", p.throughput()),
                String.format("%.1f", p.latency().count() == 0 ? 0 : p.latency().percentile(50)),
                String.format("%.1f", p.latency().count() == 0 ? 0 : p.latency().percentile(99)));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package org.w3id.rekg.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.Socket;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.serve.RekgServer;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * {@code rekg bench hostile}: the catalogue clients of {@code bench load}, first alone, then beside
 * attackers (slow-body clients trickling a byte a second, clients sending cross products, clients
 * sending {@code GROUP_CONCAT} memory bombs), all on loopback and bounded in time. Prints the
 * catalogue's p99 in both phases, its errors, whether the server still answers, and the resident
 * memory against the heap limit plus 512 MB.
 */
public final class HostileLoadBench {
    static final String BOMB =
            "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?s),STR(?p),STR(?o),STR(?s2)))) AS ?l) {?s ?p ?o . ?s2 ?p2 ?o2}";

    private final int clients;
    private final int slowClients;
    private final int crossProducts;
    private final int bombs;
    private final Duration duration;
    private final Duration queryTimeout;
    private final PrintWriter out;

    public HostileLoadBench(int clients, Duration duration, Duration queryTimeout, PrintWriter out) {
        this(clients, 16, 20, 4, duration, queryTimeout, out);
    }

    HostileLoadBench(int clients, int slowClients, int crossProducts, int bombs, Duration duration, Duration queryTimeout,
            PrintWriter out) {
        this.clients = clients;
        this.slowClients = slowClients;
        this.crossProducts = crossProducts;
        this.bombs = bombs;
        this.duration = duration;
        this.queryTimeout = queryTimeout;
        this.out = out;
    }

    /** The figures of one run. */
    public record Figures(Stats quiet, Stats hostile, long catalogueErrors, long slowCutOff, long attacksAnswered,
            boolean aliveAfter, long residentBytes, long heapMax) {
        /** Whether the run met its aims: p99 under 3x quiet, no catalogue error, alive, memory bounded. */
        public boolean met() {
            return hostile.percentile(99) < 3 * quiet.percentile(99) && catalogueErrors == 0 && aliveAfter
                    && (residentBytes == 0 || residentBytes < heapMax + (512L << 20));
        }
    }

    public Figures run(ProjectLayout layout) {
        Dataset ds = Store.inMemory();
        new BuildService(layout).build(ds);
        Map<String, String> catalogue = LoadBench.catalogue(layout.root().resolve("queries"));
        RekgServer server = RekgServer.create().dataset(ds).host("127.0.0.1").port(0).queryTimeout(queryTimeout).build().start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        try {
            String url = server.sparqlUrl();
            List<HttpRequest> queries = new ArrayList<>();
            catalogue.values().forEach(q -> queries.add(get(url, q)));
            catalogue(http, queries, duration.dividedBy(4), new AtomicLong()); // warm-up, not measured
            AtomicLong quietErrors = new AtomicLong();
            Stats quiet = catalogue(http, queries, duration, quietErrors);

            ExecutorService attackers = Executors.newFixedThreadPool(slowClients + crossProducts + bombs);
            long end = System.nanoTime() + duration.toNanos() + TimeUnit.SECONDS.toNanos(2);
            AtomicLong cutOff = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            Map<Integer, Long> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
            for (int i = 0; i < slowClients; i++) {
                attackers.submit(() -> trickle(server.port(), end, cutOff));
            }
            for (int i = 0; i < crossProducts + bombs; i++) {
                HttpRequest attack = get(url, i < crossProducts ? LoadBench.CROSS_PRODUCT : BOMB);
                attackers.submit(() -> {
                    while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                        statuses.merge(send(http, attack), 1L, Long::sum);
                        answered.incrementAndGet();
                    }
                });
            }
            AtomicLong errors = new AtomicLong();
            Stats hostile = catalogue(http, queries, duration, errors);
            attackers.shutdownNow();
            attackers.awaitTermination(queryTimeout.toSeconds() + 10, TimeUnit.SECONDS);
            boolean alive = send(http, get(url, "ASK {}")) == 200;
            Figures f = new Figures(quiet, hostile, errors.get() + quietErrors.get(), cutOff.get(), answered.get(), alive,
                    residentBytes(), Runtime.getRuntime().maxMemory());
            print(f, catalogue.size());
            out.println("attack answers by status (0 = connection failed): " + statuses);
            out.flush();
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            server.stop();
        }
    }

    private Stats catalogue(HttpClient http, List<HttpRequest> queries, Duration length, AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int first = c;
            pool.submit(() -> {
                for (int i = first; System.nanoTime() < end; i++) {
                    long t = System.nanoTime();
                    int status = send(http, queries.get(i % queries.size()));
                    latencies.add((System.nanoTime() - t) / 1e6);
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toSeconds() + queryTimeout.toSeconds() + 30, TimeUnit.SECONDS);
        return Stats.of(new ArrayList<>(latencies));
    }

    /** A POST whose body comes one byte a second, reopened whenever the server ends it. */
    private static void trickle(int port, long end, AtomicLong cutOff) {
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream o = s.getOutputStream();
                o.write(("POST /rekg/sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                while (System.nanoTime() < end) {
                    o.write('A');
                    o.flush();
                    Thread.sleep(1000);
                    if (s.getInputStream().available() > 0) {
                        break; // the server answered (an error) and will close
                    }
                }
                cutOff.incrementAndGet();
            } catch (IOException e) {
                cutOff.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static HttpRequest get(String url, String query) {
        return HttpRequest.newBuilder(URI.create(url + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json, text/turtle;q=0.9").timeout(Duration.ofMinutes(2)).GET().build();
    }

    private static int send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** VmRSS of this process from /proc (0 where there is no /proc). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private void print(Figures f, int queryCount) {
        out.printf("hostile load: %d catalogue clients (%d queries) beside %d slow-body clients, %d cross products and %d GROUP_CONCAT"
                + " bombs, %d s per phase, query timeout %d s, pid %s%n", clients, queryCount, slowClients, crossProducts, bombs,
                duration.toSeconds(), queryTimeout.toSeconds(), ManagementFactory.getRuntimeMXBean().getPid());
        TextTable t = new TextTable("phase", "requests", "p50 ms", "p99 ms");
        t.row("catalogue alone", Integer.toString(f.quiet().count()), String.format("%.1f", f.quiet().percentile(50)),
                String.format("%.1f", f.quiet().percentile(99)));
        t.row("catalogue beside attackers", Integer.toString(f.hostile().count()), String.format("%.1f", f.hostile().percentile(50)),
                String.format("%.1f", f.hostile().percentile(99)));
        t.print(out);
        out.printf("p99 ratio %.2f (aim < 3); catalogue errors %d (aim 0); slow bodies cut off %d; attack queries answered %d;"
                + " server alive after: %s; resident %d MB against heap limit %d MB + 512 MB; aims %s%n",
                f.hostile().percentile(99) / f.quiet().percentile(99), f.catalogueErrors(), f.slowCutOff(), f.attacksAnswered(),
                f.aliveAfter() ? "yes" : "NO", f.residentBytes() >> 20, f.heapMax() >> 20, f.met() ? "met" : "NOT met");
        out.flush();
    }
}

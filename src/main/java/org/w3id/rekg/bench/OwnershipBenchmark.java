package org.w3id.rekg.bench;

import org.w3id.rekg.ownership.OwnershipEngine;
import org.w3id.rekg.ownership.OwnershipNetwork;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdf.model.InfModel;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.reasoner.rulesys.GenericRuleReasoner;
import org.apache.jena.reasoner.rulesys.Rule;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Times the ownership engine on generated networks, beside the obvious alternatives on the same
 * data: a SPARQL property path ({@code ownedBy+}) and Jena's forward rule reasoner with a
 * transitive rule. Both alternatives only find who is above whom (no shares, no control); they
 * are given {@code timeoutSeconds} each and reported as given up after that.
 */
public final class OwnershipBenchmark {
    static final String NS = "https://w3id.org/rekg/bench/";
    /** Walk sums drop entries below 10^-6 of a target: enough for shares of 1 % (see docs/ownership.md). */
    public static final double EPSILON = 1e-6;
    private final PrintWriter out;
    private final int timeoutSeconds;
    private final int threads;

    public OwnershipBenchmark(PrintWriter out, int timeoutSeconds, int threads) {
        this.out = out;
        this.timeoutSeconds = timeoutSeconds;
        this.threads = threads;
    }

    /** One measured figure. */
    public record Figure(String what, int entities, int stakes, double seconds, long peakHeapMb, String result) {}

    public void run(List<Integer> sizes, long seed) {
        out.printf(Locale.ROOT, "JVM: %d processor(s), max heap %d MB; engine threads: %d; alternatives time-boxed at %d s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, threads, timeoutSeconds);
        out.printf(Locale.ROOT, "%-44s %10s %10s %10s %10s  %s%n", "what", "entities", "stakes", "seconds", "peak MB", "result");
        boolean checked = false;
        for (int n : sizes) {
            long g0 = System.nanoTime();
            OwnershipNetwork net = NetworkGenerator.generate(n, seed);
            out.printf(Locale.ROOT, "generated %d entities, %d stakes in %.2f s%n", n, net.edges(), (System.nanoTime() - g0) / 1e9);
            if (!checked && n <= 100_000) {
                out.println(accuracy(net));
                checked = true;
            }
            print(engine(net, n));
            print(sparql(net, n));
            print(rules(net, n));
            out.flush();
        }
    }

    /** The pruned sums against sums to 10^-12, on the same network. */
    static String accuracy(OwnershipNetwork net) {
        OwnershipEngine.FindingSink sink = new OwnershipEngine.FindingSink() {
            @Override
            public String node(int v) {
                return "n" + v;
            }

            @Override
            public String edge(int e) {
                return "stake " + e;
            }
        };
        OwnershipEngine exactEngine = new OwnershipEngine(net, 1e-12, 100_000, sink);
        exactEngine.prepare();
        OwnershipEngine.Effective exact = exactEngine.effectiveShares(0.005, Runtime.getRuntime().availableProcessors());
        OwnershipEngine fastEngine = new OwnershipEngine(net, EPSILON, 10_000, sink);
        fastEngine.prepare();
        OwnershipEngine.Effective fast = fastEngine.effectiveShares(0.005, Runtime.getRuntime().availableProcessors());
        java.util.HashMap<Long, Double> byPair = new java.util.HashMap<>();
        for (int i = 0; i < fast.size(); i++) {
            byPair.put(((long) fast.holder(i) << 32) | fast.target(i), fast.lo(i));
        }
        double maxDiff = 0;
        int missed = 0;
        int above = 0;
        for (int i = 0; i < exact.size(); i++) {
            if (exact.lo(i) < 0.01) {
                continue;
            }
            above++;
            Double f = byPair.get(((long) exact.holder(i) << 32) | exact.target(i));
            double v = f == null ? 0 : f;
            maxDiff = Math.max(maxDiff, exact.lo(i) - v);
            if (v < 0.01) {
                missed++;
            }
        }
        return String.format(Locale.ROOT, "accuracy of the pruned sums (entries below %.0e dropped) against sums to 1e-12: "
                + "largest shortfall %.2e percentage points; %d of %d shares >= 1 %% fall below 1 %%", EPSILON, maxDiff * 100,
                missed, above);
    }

    private void print(Figure f) {
        out.printf(Locale.ROOT, "%-44s %10d %10d %10s %10d  %s%n", f.what(), f.entities(), f.stakes(),
                Double.isNaN(f.seconds()) ? "-" : String.format(Locale.ROOT, "%.2f", f.seconds()), f.peakHeapMb(), f.result());
        out.flush();
    }

    /** Every effective share ≥ 1 % and every ultimate controller. */
    public Figure engine(OwnershipNetwork net, int n) {
        long t0 = resetPeak();
        OwnershipEngine engine = new OwnershipEngine(net, EPSILON, 10_000, new OwnershipEngine.FindingSink() {
            @Override
            public String node(int v) {
                return "n" + v;
            }

            @Override
            public String edge(int e) {
                return "stake " + e;
            }
        });
        engine.prepare();
        OwnershipEngine.Effective eff = engine.effectiveShares(0.01, threads);
        OwnershipEngine.Control control = engine.control(false);
        double secs = (System.nanoTime() - t0) / 1e9;
        long controlled = 0;
        long maxDepth = 0;
        for (int t = 0; t < net.nodes(); t++) {
            if (control.ultimate[t].length > 0) {
                controlled++;
            }
        }
        return new Figure("REKG engine (effective >= 1 %, ultimate ctrl)", n, net.edges(), secs, peakMb(),
                eff.size() + " effective shares >= 1 %, " + controlled + " entities with an ultimate controller"
                        + (maxDepth > 0 ? "" : ""));
    }

    static Graph ownedByGraph(OwnershipNetwork net) {
        Graph g = GraphFactory.createGraphMem();
        Node p = NodeFactory.createURI(NS + "ownedBy");
        Node[] nodes = new Node[net.nodes()];
        for (int e = 0; e < net.edges(); e++) {
            int h = net.holder(e);
            int t = net.target(e);
            if (nodes[h] == null) {
                nodes[h] = NodeFactory.createURI(NS + "e" + h);
            }
            if (nodes[t] == null) {
                nodes[t] = NodeFactory.createURI(NS + "e" + t);
            }
            g.add(Triple.create(nodes[t], p, nodes[h]));
        }
        return g;
    }

    /** All (entity, owner up the chain) pairs by a SPARQL property path. */
    public Figure sparql(OwnershipNetwork net, int n) {
        long t0 = resetPeak();
        Graph g = ownedByGraph(net);
        Model m = ModelFactory.createModelForGraph(g);
        String q = "PREFIX b: <" + NS + "> SELECT (COUNT(*) AS ?pairs) WHERE { ?x b:ownedBy+ ?owner }";
        AtomicReference<String> result = new AtomicReference<>();
        try (QueryExecution qe = QueryExecution.model(m).query(QueryFactory.create(q))
                .timeout(timeoutSeconds * 1000L).build()) {
            long pairs = qe.execSelect().next().getLiteral("pairs").getLong();
            result.set(pairs + " (entity, owner above) pairs, no shares");
        } catch (org.apache.jena.query.QueryCancelledException e) {
            result.set("gave up after " + timeoutSeconds + " s");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Figure("SPARQL property path ownedBy+", n, net.edges(), secs, peakMb(), result.get());
    }

    /** The transitive closure of ownedBy by Jena's forward (RETE) rule engine. */
    @SuppressWarnings({"deprecation", "removal"})
    public Figure rules(OwnershipNetwork net, int n) {
        long t0 = resetPeak();
        Graph g = ownedByGraph(net);
        List<Rule> rules = Rule.parseRules("[t: (?a <" + NS + "ownedBy> ?b) (?b <" + NS + "ownedBy> ?c) -> (?a <"
                + NS + "ownedBy> ?c)]");
        GenericRuleReasoner reasoner = new GenericRuleReasoner(rules);
        reasoner.setMode(GenericRuleReasoner.FORWARD_RETE);
        AtomicReference<String> result = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                InfModel inf = ModelFactory.createInfModel(reasoner, ModelFactory.createModelForGraph(g));
                inf.prepare();
                result.set(inf.getDeductionsModel().size() + " inferred ownedBy triples, no shares");
            } catch (Throwable e) {
                if (result.get() == null) {
                    result.set("failed: " + e);
                }
            }
        }, "jena-rules-bench");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(timeoutSeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String r;
        if (worker.isAlive()) {
            r = "gave up after " + timeoutSeconds + " s";
            result.set(r);
            worker.interrupt();
            try {
                worker.stop(); // the rule engine does not check for interruption; Java 17 still allows this
            } catch (UnsupportedOperationException ignored) {
                // newer JVMs: the daemon thread is left to die with the JVM
            }
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Figure("Jena forward rules, transitive ownedBy", n, net.edges(), secs, peakMb(), result.get());
    }

    private static long resetPeak() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return System.nanoTime();
    }

    private static long peakMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    /** For tests and callers that need a figure computed: generates and runs the engine only. */
    public static Callable<Figure> engineOnly(int n, long seed, int threads) {
        return () -> new OwnershipBenchmark(new PrintWriter(System.out), 1, threads)
                .engine(NetworkGenerator.generate(n, seed), n);
    }
}

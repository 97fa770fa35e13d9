package org.w3id.rekg.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.store.Store;

/**
 * The part of a remote store a step works on, in memory: REKG's graphs only (listed with
 * {@code SELECT DISTINCT ?g}, read one by one; the store's system graphs and other data are never
 * read), plus graphs the caller already has. Only a fingerprint of each graph is kept as the
 * "before" state, so memory is REKG's graphs once, whatever else the store holds. Afterwards the
 * graphs whose fingerprint changed are written back, import graphs (which carry their file's
 * hash, so that an unchanged re-import is recognised) last.
 *
 * <pre>{@code
 * WorkingCopy w = WorkingCopy.fetch(store, Map.of(), System.err::println);
 * new UsgsImporter(w.dataset()).importFile(file);
 * int n = w.writeBack(store);
 * }</pre>
 */
public final class WorkingCopy {
    private static final Set<Node> NEVER = Set.of(Rekg.GRAPH_META, WriterLock.GRAPH);

    private static final org.apache.jena.riot.process.normalize.CanonicalizeLiteral CANONICAL =
            org.apache.jena.riot.process.normalize.CanonicalizeLiteral.get();

    private final Dataset dataset = Store.inMemory();
    private final Map<Node, long[]> before = new HashMap<>();
    private long fetchedTriples;

    private WorkingCopy() {}

    /** REKG's graphs of {@code store} but those in {@code local}, which are taken as they are (the caller just wrote them). */
    public static WorkingCopy fetch(RemoteStore store, Map<Node, Graph> local, Consumer<String> progress) {
        long t0 = System.nanoTime();
        WorkingCopy w = new WorkingCopy();
        DatasetGraph dsg = w.dataset.asDatasetGraph();
        List<Node> names = store.rekgGraphs();
        int read = 0;
        for (Node name : names) {
            if (NEVER.contains(name) || local.containsKey(name)) {
                continue;
            }
            Graph g = store.get(name);
            if (g == null) {
                continue;
            }
            Txn.executeWrite(dsg, () -> GraphUtil.addInto(dsg.getGraph(name), g));
            w.before.put(name, fingerprint(g));
            w.fetchedTriples += g.size();
            read++;
        }
        local.forEach((name, g) -> {
            Txn.executeWrite(dsg, () -> GraphUtil.addInto(dsg.getGraph(name), g));
            w.before.put(name, fingerprint(g));
        });
        progress.accept(String.format("read %d of REKG's graphs (%d triples) from %s, one by one (%d ms)", read, w.fetchedTriples,
                store.display(), (System.nanoTime() - t0) / 1_000_000));
        return w;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The graphs to write: new or with another fingerprint; import graphs last. */
    List<Node> changed() {
        DatasetGraph dsg = dataset.asDatasetGraph();
        return Txn.calculateRead(dsg, () -> {
            List<Node> first = new ArrayList<>();
            List<Node> last = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining(name -> {
                Graph g = dsg.getGraph(name);
                long[] was = before.get(name);
                if (!g.isEmpty() && (was == null || !java.util.Arrays.equals(was, fingerprint(g)))) {
                    (name.getURI().startsWith(Rekg.GRAPH + "import/") ? last : first).add(name);
                }
            });
            first.addAll(last);
            return first;
        });
    }

    /** The graphs read that the step removed. */
    List<Node> deleted() {
        DatasetGraph dsg = dataset.asDatasetGraph();
        return Txn.calculateRead(dsg, () -> {
            Set<Node> gone = new LinkedHashSet<>(before.keySet());
            dsg.listGraphNodes().forEachRemaining(n -> {
                if (!dsg.getGraph(n).isEmpty()) {
                    gone.remove(n);
                }
            });
            return new ArrayList<>(gone);
        });
    }

    /** Whether the step changed anything. */
    public boolean unchanged() {
        return changed().isEmpty() && deleted().isEmpty();
    }

    /** Writes the changed graphs to {@code store} and deletes the removed ones; returns {written, deleted}. */
    public int[] writeBack(RemoteStore store) {
        DatasetGraph dsg = dataset.asDatasetGraph();
        List<Node> changed = changed();
        List<Node> deleted = deleted();
        for (Node name : deleted) {
            store.delete(name);
        }
        for (Node name : changed) {
            Graph copy = Txn.calculateRead(dsg, () -> {
                Graph c = GraphFactory.createDefaultGraph();
                GraphUtil.addInto(c, dsg.getGraph(name));
                return c;
            });
            store.put(name, copy);
        }
        return new int[] {changed.size(), deleted.size()};
    }

    /** Size and an order-independent 64-bit sum and xor over the triples, literals canonical (blank node labels ignored). */
    static long[] fingerprint(Graph g) {
        long sum = 0;
        long xor = 0;
        long n = 0;
        for (var it = g.find(); it.hasNext(); ) {
            long h = hash(it.next());
            sum += h;
            xor ^= h * 0x9E3779B97F4A7C15L;
            n++;
        }
        return new long[] {n, sum, xor};
    }

    private static long hash(Triple t) {
        long h = 0xcbf29ce484222325L;
        for (Node x : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
            String s = x.isBlank() ? "_:" : CANONICAL.apply(x).toString();
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        return h;
    }
}

package org.w3id.rekg.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.remote.RemoteStore;
import org.w3id.rekg.remote.WorkingCopy;
import org.w3id.rekg.remote.WriterLock;

/**
 * The build, written to a remote store (Fuseki, Virtuoso or any Graph Store Protocol endpoint)
 * instead of the embedded TDB2 store.
 * <p>
 * Each named graph is replaced with a streamed {@code PUT}; graphs an earlier build wrote and this
 * one does not are deleted; graphs the build does not own (imports, other data) are left alone.
 * The derive steps (reference links, ownership) run on the compiled graphs plus REKG's other
 * graphs read one by one, never the whole store. The whole write happens under the store's
 * {@link WriterLock} (a concurrent writer is refused), and the build's metadata graph
 * ({@code graph/meta}: the input hash, the graphs it owns and their sizes) is written last, so
 * that unchanged inputs write nothing and a build interrupted half way is done again in full by
 * the next one.
 *
 * <pre>{@code
 * BuildService.Result r = new RemoteBuild(new BuildService(layout), RemoteStore.open(url, "virtuoso", "dba", pw), System.out::println, false).build();
 * }</pre>
 */
public final class RemoteBuild {
    static final Node TRIPLES = NodeFactory.createURI(BuildService.BUILD_NS + "triples");

    private final BuildService service;
    private final RemoteStore store;
    private final Consumer<String> progress;
    private final boolean takeOver;

    public RemoteBuild(BuildService service, RemoteStore store, Consumer<String> progress, boolean takeOver) {
        this.service = service;
        this.store = store;
        this.progress = progress;
        this.takeOver = takeOver;
    }

    /** Builds into the remote store; writes nothing when the inputs are those of its last complete build. */
    public BuildService.Result build() {
        long t0 = System.nanoTime();
        store.repairHint("run the build again (add --take-over if it says another run is writing): it rewrites every graph it owns,"
                + " and its metadata graph is written last");
        WriterLock lock = new WriterLock(store);
        WriterLock.State seen = lock.read();
        String hash = service.inputHash();
        Graph meta = store.get(Rekg.GRAPH_META);
        if (meta != null && hash.equals(storedHash(meta)) && !seen.writing()) {
            Map<String, Long> sizes = sizes(meta);
            return new BuildService.Result(false, sizes.values().stream().mapToLong(Long::longValue).sum(), sizes, hash,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        if (seen.writing() && !takeOver) {
            lock.acquire(seen, false); // refuses, naming the other run
        }
        BuildService.Compiled compiled = service.compile();
        String mine = lock.acquire(seen, takeOver);
        Map<String, Long> sizes = new LinkedHashMap<>();
        try {
            write(meta, compiled, sizes);
        } catch (RekgException e) {
            RemoteImport.releaseQuietly(lock, mine);
            throw e;
        }
        lock.release(mine);
        long quads = sizes.values().stream().mapToLong(Long::longValue).sum();
        progress.accept(String.format("stored %d quads in %d graphs at %s", quads, sizes.size(), store.display()));
        return new BuildService.Result(true, quads, sizes, compiled.hash(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void write(Graph meta, BuildService.Compiled compiled, Map<String, Long> sizes) {
        for (Node g : meta == null ? List.<Node>of() : owned(meta)) {
            if (!compiled.graphs().containsKey(g)) {
                store.delete(g);
            }
        }
        Graph newMeta = GraphFactory.createDefaultGraph();
        newMeta.add(BuildService.BUILD, BuildService.INPUT_HASH, NodeFactory.createLiteralString(compiled.hash()));
        for (Map.Entry<Node, Graph> e : compiled.graphs().entrySet()) {
            store.put(e.getKey(), e.getValue());
            long n = e.getValue().size();
            sizes.put(e.getKey().getURI(), n);
            newMeta.add(BuildService.BUILD, BuildService.OWNS_GRAPH, e.getKey());
            newMeta.add(e.getKey(), TRIPLES, NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger));
        }
        // the reference link sets and the ownership results, computed as a local build does, over REKG's graphs
        WorkingCopy copy = WorkingCopy.fetch(store, compiled.graphs(), progress);
        service.derive(copy.dataset());
        copy.writeBack(store);
        store.put(Rekg.GRAPH_META, newMeta);
    }

    private static String storedHash(Graph meta) {
        var it = meta.find(BuildService.BUILD, BuildService.INPUT_HASH, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private static List<Node> owned(Graph meta) {
        return new ArrayList<>(meta.find(BuildService.BUILD, BuildService.OWNS_GRAPH, Node.ANY).mapWith(Triple::getObject).toList());
    }

    private static Map<String, Long> sizes(Graph meta) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Node g : owned(meta)) {
            var it = meta.find(g, TRIPLES, Node.ANY);
            out.put(g.getURI(), it.hasNext() ? Long.parseLong(it.next().getObject().getLiteralLexicalForm()) : 0L);
        }
        return out;
    }
}

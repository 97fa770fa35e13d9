package org.w3id.rekg.pipeline;

import org.w3id.rekg.store.Store;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * The build, written to any SPARQL 1.1 Graph Store Protocol endpoint (for example a Fuseki
 * {@code /ds/data} service, or a larger triple store) instead of the embedded TDB2 store.
 * <p>
 * Each named graph is replaced with a {@code PUT}; graphs an earlier build wrote and this one does
 * not are deleted; graphs the build does not own (imports, other data) are left alone. The build's
 * metadata graph ({@code graph/meta}: the input hash, the graphs it owns and their sizes) is
 * written last, so that unchanged inputs are detected by reading it and write nothing, and a
 * build interrupted half way (GSP has no transaction across graphs) is done again in full by the
 * next one.
 *
 * <pre>{@code
 * BuildService.Result r = new RemoteBuild(new BuildService(layout), "http://host:3030/ds/data", System.out::println).build();
 * }</pre>
 */
public final class RemoteBuild {
    static final Node TRIPLES = NodeFactory.createURI(BuildService.BUILD_NS + "triples");

    private final BuildService service;
    private final String endpoint;
    private final Consumer<String> progress;

    public RemoteBuild(BuildService service, String endpoint, Consumer<String> progress) {
        if (endpoint == null || !endpoint.matches("(?i)https?://\\S+")) {
            throw new RekgException(ErrorCode.USAGE, "--remote needs the http(s) URL of a Graph Store Protocol endpoint, e.g. http://localhost:3030/ds/data; got '" + endpoint + "'");
        }
        this.service = service;
        this.endpoint = endpoint;
        this.progress = progress;
    }

    /** Builds into the remote store; writes nothing when the inputs are those of its last build. */
    public BuildService.Result build() {
        long t0 = System.nanoTime();
        String hash = service.inputHash();
        Graph meta = get(Rekg.GRAPH_META);
        if (meta != null && hash.equals(storedHash(meta))) {
            Map<String, Long> sizes = sizes(meta);
            return new BuildService.Result(false, sizes.values().stream().mapToLong(Long::longValue).sum(), sizes, hash,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        BuildService.Compiled compiled = service.compile();
        List<Node> old = meta == null ? List.of() : owned(meta);
        for (Node g : old) {
            if (!compiled.graphs().containsKey(g)) {
                call("delete " + g.getURI(), () -> GSP.service(endpoint).graphName(g).DELETE(), true);
            }
        }
        Graph newMeta = GraphFactory.createDefaultGraph();
        newMeta.add(BuildService.BUILD, BuildService.INPUT_HASH, NodeFactory.createLiteralString(compiled.hash()));
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Map.Entry<Node, Graph> e : compiled.graphs().entrySet()) {
            call("write " + e.getKey().getURI(), () -> GSP.service(endpoint).graphName(e.getKey()).PUT(e.getValue()), false);
            long n = e.getValue().size();
            sizes.put(e.getKey().getURI(), n);
            newMeta.add(BuildService.BUILD, BuildService.OWNS_GRAPH, e.getKey());
            newMeta.add(e.getKey(), TRIPLES, NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger));
        }
        // the reference link sets and the ownership results, computed as a local build does, over the remote graphs
        new RemoteImport(endpoint, progress).run(ds -> {
            service.derive(ds);
            return null;
        });
        call("write " + Rekg.GRAPH_META.getURI(), () -> GSP.service(endpoint).graphName(Rekg.GRAPH_META).PUT(newMeta), false);
        long quads = sizes.values().stream().mapToLong(Long::longValue).sum();
        progress.accept(String.format("stored %d quads in %d graphs at %s", quads, sizes.size(), endpoint));
        return new BuildService.Result(true, quads, sizes, compiled.hash(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The graph, or null when the endpoint does not have it. */
    private Graph get(Node name) {
        Graph[] out = new Graph[1];
        call("read " + name.getURI(), () -> out[0] = GSP.service(endpoint).graphName(name).GET(), true);
        return out[0];
    }

    private void call(String what, Runnable request, boolean notFoundIsFine) {
        try {
            request.run();
        } catch (HttpException e) {
            if (notFoundIsFine && e.getStatusCode() == 404) {
                return;
            }
            if (e.getStatusCode() <= 0 || e.getCause() instanceof ConnectException || e.getCause() instanceof java.io.IOException) {
                throw new RekgException(ErrorCode.STORE, "cannot reach the remote store " + endpoint + " (" + what + "): "
                        + (e.getCause() != null ? e.getCause() : e.getMessage()) + ". Is it running, and is the URL its Graph Store Protocol endpoint?", e);
            }
            throw new RekgException(ErrorCode.STORE, "the remote store " + endpoint + " refused to " + what + ": HTTP "
                    + e.getStatusCode() + " " + (e.getStatusLine() == null ? "" : e.getStatusLine())
                    + ". Graphs written before this one are kept; the next build writes them all again.", e);
        }
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

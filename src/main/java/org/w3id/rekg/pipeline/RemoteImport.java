package org.w3id.rekg.pipeline;

import org.w3id.rekg.store.Store;

import java.net.ConnectException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.DSP;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * An import (or any other change to the store) run against a SPARQL 1.1 Graph Store Protocol
 * endpoint instead of the embedded TDB2 store. The remote dataset is read into memory, the
 * import runs on that copy exactly as it does locally (matching, checks, ownership reasoning),
 * and then only the graphs it changed are written back with {@code PUT} (or {@code DELETE}d).
 * Nothing is written when the import fails.
 *
 * <pre>{@code
 * var r = new RemoteImport("http://host:3030/ds/data", System.err::println)
 *         .run(ds -> Imports.usgs(ds, file));
 * }</pre>
 */
public final class RemoteImport {
    private final String endpoint;
    private final Consumer<String> progress;

    public RemoteImport(String endpoint, Consumer<String> progress) {
        if (endpoint == null || !endpoint.matches("(?i)https?://\\S+")) {
            throw new RekgException(ErrorCode.USAGE, "--remote needs the http(s) URL of a Graph Store Protocol endpoint, e.g. http://localhost:3030/ds/data; got '" + endpoint + "'");
        }
        this.endpoint = endpoint;
        this.progress = progress;
    }

    /** Runs {@code work} on an in-memory copy of the remote dataset, then writes back what it changed. */
    public <T> T run(Function<Dataset, T> work) {
        DatasetGraph remote = call("read the dataset", () -> DSP.service(endpoint).GET());
        Dataset local = Store.inMemory();
        Txn.executeWrite(local, () -> remote.find().forEachRemaining(local.asDatasetGraph()::add));
        DatasetGraph before = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        Txn.executeRead(local, () -> local.asDatasetGraph().find().forEachRemaining(before::add));
        T result = work.apply(local);
        Set<Node> names = new HashSet<>();
        before.listGraphNodes().forEachRemaining(names::add);
        int written = 0;
        int deleted = 0;
        DatasetGraph after = local.asDatasetGraph();
        Set<Node> now = new HashSet<>();
        Txn.executeRead(local, () -> after.listGraphNodes().forEachRemaining(now::add));
        for (Node g : now) {
            Graph updated = Txn.calculateRead(local, () -> {
                Graph copy = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
                after.getGraph(g).find().forEachRemaining(copy::add);
                return copy;
            });
            if (!names.contains(g) || !before.getGraph(g).isIsomorphicWith(updated)) {
                call("write " + g.getURI(), () -> {
                    GSP.service(endpoint).graphName(g).PUT(updated);
                    return null;
                });
                written++;
            }
        }
        for (Node g : names) {
            if (!now.contains(g)) {
                call("delete " + g.getURI(), () -> {
                    GSP.service(endpoint).graphName(g).DELETE();
                    return null;
                });
                deleted++;
            }
        }
        progress.accept(String.format("wrote %d graph(s) and deleted %d at %s", written, deleted, endpoint));
        return result;
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpException e) {
            if (e.getStatusCode() <= 0 || e.getCause() instanceof ConnectException || e.getCause() instanceof java.io.IOException) {
                throw new RekgException(ErrorCode.STORE, "cannot reach the remote store " + endpoint + " (" + what + "): "
                        + (e.getCause() != null ? e.getCause() : e.getMessage()) + ". Is it running, and is the URL its Graph Store Protocol endpoint?", e);
            }
            throw new RekgException(ErrorCode.STORE, "the remote store " + endpoint + " refused to " + what + ": HTTP "
                    + e.getStatusCode() + ". Graphs written before this one are kept; run the import again.", e);
        }
    }
}

package org.w3id.rekg.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Puts an imported file into the store as a named graph of its own, in one write transaction:
 * importing the same file again replaces its graph, an unchanged file changes nothing, and a
 * failed import leaves the store as it was. The import itself is recorded in the graph
 * ({@code prov:wasDerivedFrom} the file's name, its SHA-256 and the time).
 *
 * <pre>{@code
 * ImportService.Result r = new ImportService(dataset).replace(Rekg.graph("import/usgs-mcs2024"), graph, file);
 * }</pre>
 */
public final class ImportService {
    static final Node FILE_HASH = NodeFactory.createURI(BuildService.BUILD_NS + "fileHash");
    static final Node IMPORTED_AT = NodeFactory.createURI(BuildService.BUILD_NS + "importedAt");
    static final Node FILE_NAME = NodeFactory.createURI(BuildService.BUILD_NS + "fileName");

    private final Dataset dataset;

    public ImportService(Dataset dataset) {
        this.dataset = dataset;
    }

    /** What an import did. */
    public record Result(Node graph, boolean changed, long triples) {}

    /** The graph name imports of a given kind and name get: {@code graph/import/<kind>/<name>}. */
    public static Node graphName(String kind, String name) {
        return Rekg.graph("import/" + kind + "/" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * Replaces {@code name} with {@code content}, unless the graph already holds the import of a
     * file with the same SHA-256.
     */
    public Result replace(Node name, Graph content, Path file) {
        String hash = sha256(file);
        DatasetGraph dsg = dataset.asDatasetGraph();
        boolean same = Txn.calculateRead(dsg, () -> dsg.containsGraph(name)
                && dsg.getGraph(name).contains(name, FILE_HASH, NodeFactory.createLiteralString(hash)));
        if (same) {
            long size = Txn.calculateRead(dsg, () -> (long) dsg.getGraph(name).size());
            return new Result(name, false, size);
        }
        try {
            Txn.executeWrite(dsg, () -> {
                dsg.removeGraph(name);
                Graph g = dsg.getGraph(name);
                GraphUtil.addInto(g, content);
                g.add(name, FILE_NAME, NodeFactory.createLiteralString(file.getFileName().toString()));
                g.add(name, FILE_HASH, NodeFactory.createLiteralString(hash));
                g.add(name, IMPORTED_AT, NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime));
            });
        } catch (RuntimeException e) {
            throw new RekgException(ErrorCode.STORE, "the import of " + file + " failed and changed nothing: " + e.getMessage(), e);
        }
        long size = Txn.calculateRead(dsg, () -> (long) dsg.getGraph(name).size());
        return new Result(name, true, size);
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.w3id.rekg.remote;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.process.normalize.CanonicalizeLiteral;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * {@code rekg export --for virtuoso|tdb2 -o DIR}: the store as one N-Quads file (streamed,
 * literals in canonical form) and the commands of the store's own bulk loader, for imports too
 * large for the Graph Store Protocol: {@code load-virtuoso.sql} ({@code CLEAR} of each exported
 * graph, {@code ld_dir}, {@code rdf_loader_run()}, {@code checkpoint}) to run with
 * {@code isql-vt}, or {@code load-tdb2.sh} ({@code tdb2.xloader}).
 *
 * <pre>{@code
 * BulkLoad.Result r = BulkLoad.write(dataset, Path.of("out"), "virtuoso");
 * // isql-vt 1111 dba PASSWORD out/load-virtuoso.sql
 * }</pre>
 */
public final class BulkLoad {
    public static final String DATA = "rekg.nq";

    private BulkLoad() {}

    /** What was written: the data file, the loader script, the number of quads and graphs. */
    public record Result(Path data, Path script, long quads, List<Node> graphs) {}

    public static Result write(Dataset dataset, Path dir, String target) {
        String kind = target == null ? "" : target.toLowerCase(Locale.ROOT);
        if (!kind.equals("virtuoso") && !kind.equals("tdb2")) {
            throw new RekgException(ErrorCode.USAGE, "--for must be virtuoso or tdb2; got '" + target + "'");
        }
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve(DATA).toAbsolutePath();
            Path tmp = dir.resolve(DATA + ".part");
            long[] quads = {0};
            List<Node> graphs = new ArrayList<>();
            DatasetGraph dsg = dataset.asDatasetGraph();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                // not StreamCanonicalLiterals: in Jena 5.6.0 its quad() puts the subject in the predicate's place
                StreamRDF nq = StreamRDFWriter.getWriterStream(out, Lang.NQUADS);
                CanonicalizeLiteral canonical = CanonicalizeLiteral.get();
                nq.start();
                Txn.executeRead(dsg, () -> {
                    dsg.listGraphNodes().forEachRemaining(graphs::add);
                    dsg.find().forEachRemaining(q -> {
                        nq.quad(Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), canonical.apply(q.getObject())));
                        quads[0]++;
                    });
                });
                nq.finish();
            }
            Files.move(tmp, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path script = kind.equals("virtuoso") ? virtuoso(dir, data, graphs) : tdb2(dir, data);
            return new Result(data, script, quads[0], graphs);
        } catch (IOException e) {
            throw new RekgException(ErrorCode.STORE, "cannot write the export to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The isql script: clears each exported graph (so nothing is doubled or stale), loads, checkpoints, reports errors. */
    static Path virtuoso(Path dir, Path data, List<Node> graphs) throws IOException {
        StringBuilder sql = new StringBuilder();
        sql.append("-- Bulk load of ").append(data.getFileName()).append(" into Virtuoso. Run: isql-vt HOST:1111 dba PASSWORD ")
                .append(dir.resolve("load-virtuoso.sql").toAbsolutePath()).append('\n')
                .append("-- The folder ").append(data.getParent()).append(" must be listed in DirsAllowed (virtuoso.ini).\n");
        for (Node g : graphs) {
            sql.append("SPARQL CLEAR GRAPH <").append(g.getURI()).append(">;\n");
        }
        sql.append("DELETE FROM DB.DBA.load_list WHERE ll_file = '").append(data.toString().replace("'", "''")).append("';\n")
                .append("ld_dir('").append(data.getParent().toString().replace("'", "''")).append("', '").append(data.getFileName())
                .append("', 'https://w3id.org/rekg/graph/bulk');\n")
                .append("rdf_loader_run();\n")
                .append("checkpoint;\n")
                .append("SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;\n");
        Path script = dir.resolve("load-virtuoso.sql");
        Files.writeString(script, sql.toString(), StandardCharsets.UTF_8);
        return script;
    }

    static Path tdb2(Path dir, Path data) throws IOException {
        String sh = "#!/bin/sh\n# Bulk load of " + data.getFileName() + " into a new TDB2 store (Apache Jena's tdb2.xloader).\n"
                + "# Usage: sh load-tdb2.sh [STORE-DIR]   (default: ./store-tdb2; the folder must not exist yet)\n"
                + "set -e\ntdb2.xloader --loc \"${1:-store-tdb2}\" '" + data.toString().replace("'", "'\\''") + "'\n";
        Path script = dir.resolve("load-tdb2.sh");
        Files.writeString(script, sh, StandardCharsets.UTF_8);
        return script;
    }
}

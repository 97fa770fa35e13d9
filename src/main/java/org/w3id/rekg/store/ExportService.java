package org.w3id.rekg.store;

import java.io.OutputStream;
import java.util.Locale;
import org.apache.jena.query.Dataset;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * Dumps the whole dataset. Formats that carry named graphs (TriG, N-Quads, JSON-LD) keep them;
 * Turtle and RDF/XML, which cannot, get the union of all graphs.
 *
 * <pre>{@code
 * ExportService.Format.of("trig").write(dataset, System.out);
 * }</pre>
 */
public final class ExportService {
    private ExportService() {}

    /** The export formats. */
    public enum Format {
        TTL(RDFFormat.TURTLE_PRETTY, false),
        TRIG(RDFFormat.TRIG_PRETTY, true),
        NQ(RDFFormat.NQUADS, true),
        JSONLD(RDFFormat.JSONLD11, true),
        RDFXML(RDFFormat.RDFXML_PLAIN, false);

        private final RDFFormat rdfFormat;
        private final boolean quads;

        Format(RDFFormat rdfFormat, boolean quads) {
            this.rdfFormat = rdfFormat;
            this.quads = quads;
        }

        /** True when the format keeps named graphs. */
        public boolean quads() {
            return quads;
        }

        public static Format of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace("-", "").replace("/", ""));
            } catch (IllegalArgumentException e) {
                throw new RekgException(ErrorCode.USAGE, "unknown export format '" + name + "' (ttl, trig, nq, jsonld, rdfxml)");
            }
        }

        /** Writes the dataset (or, for triple formats, the union of its graphs). */
        public void write(Dataset dataset, OutputStream out) {
            DatasetGraph dsg = dataset.asDatasetGraph();
            Txn.executeRead(dsg, () -> {
                if (quads) {
                    RDFDataMgr.write(out, dsg, rdfFormat);
                } else {
                    Model union = ModelFactory.createModelForGraph(GraphFactory.createDefaultGraph());
                    union.setNsPrefixes(ExportPrefixes.MAP);
                    dsg.find().forEachRemaining(q -> union.getGraph().add(q.asTriple()));
                    RDFDataMgr.write(out, union, rdfFormat);
                }
            });
        }
    }
}

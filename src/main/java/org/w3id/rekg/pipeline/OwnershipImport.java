package org.w3id.rekg.pipeline;

import org.w3id.rekg.ownership.Finding;
import org.w3id.rekg.ownership.ReasonService;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.pipeline.ImportService;

/**
 * An import of ownership data (BODS, GLEIF): the file's graph replaces its earlier import, then
 * ownership and control are recomputed over the whole store.
 *
 * <pre>{@code
 * OwnershipImport.Result r = OwnershipImport.store(dataset, "bods", file, BodsImporter.toGraph(file));
 * r.print(out);
 * }</pre>
 */
public final class OwnershipImport {
    private OwnershipImport() {}

    /** What an import did: the stored graph, and the reasoning that followed. */
    public record Result(ImportService.Result stored, ReasonService.Result reasoning) {
        /** Prints the outcome and every warning or error of the reasoning. */
        public void print(PrintWriter out) {
            out.printf("%s %s: %d triples%n", stored.changed() ? "imported" : "unchanged", stored.graph().getURI(), stored.triples());
            out.printf("ownership recomputed: %d effective stakes, %d control relations (%d ms)%n",
                    reasoning.effectiveStakes(), reasoning.controlRelations(), reasoning.millis());
            for (Finding f : reasoning.findings()) {
                out.println("  " + f);
            }
        }
    }

    /** Stores {@code graph}, read from {@code file}, as the import of kind {@code kind}, then recomputes ownership. */
    public static Result store(Dataset dataset, String kind, Path file, Graph graph) {
        ImportService.Result stored = new ImportService(dataset).replace(
                ImportService.graphName(kind, file.getFileName().toString()), graph, file);
        return new Result(stored, new ReasonService().refresh(dataset));
    }
}

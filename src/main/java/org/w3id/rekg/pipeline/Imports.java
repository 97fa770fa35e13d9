package org.w3id.rekg.pipeline;

import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.importer.bods.BodsImporter;
import org.w3id.rekg.importer.gleif.GleifImporter;
import org.w3id.rekg.importer.minmod.MinmodImporter;
import org.w3id.rekg.importer.usgs.UsgsImporter;
import org.w3id.rekg.link.CountryNames;

/**
 * Stores what an importer read: the importers only turn a file into a graph; this class puts that
 * graph into the store (one named graph per file, replaced atomically) and, for ownership data,
 * refreshes the computed ownership.
 *
 * <pre>{@code
 * ImportService.Result r = Imports.usgs(dataset, Path.of("mcs2024-raree_world.csv"));
 * OwnershipImport.Result o = Imports.bods(dataset, Path.of("statements.json"));
 * }</pre>
 */
public final class Imports {
    private Imports() {}

    /** A USGS Mineral Commodity Summaries table; on any error the store is unchanged. */
    public static ImportService.Result usgs(Dataset dataset, Path file) {
        Graph g = UsgsImporter.read(file, CountryNames.from(dataset));
        return new ImportService(dataset).replace(graph(UsgsImporter.KIND, file), g, file);
    }

    /** A MinMod file read by {@code importer} (which looks up commodities and countries in its dataset). */
    public static ImportService.Result minmod(MinmodImporter importer, Path file) {
        Graph g = importer.read(file);
        return new ImportService(importer.dataset()).replace(graph(MinmodImporter.KIND, file), g, file);
    }

    /** A BODS 0.4 statement file, then the ownership is recomputed. */
    public static OwnershipImport.Result bods(Dataset dataset, Path file) {
        return OwnershipImport.store(dataset, BodsImporter.KIND, file, BodsImporter.toGraph(file));
    }

    /** A GLEIF API JSON or golden-copy CSV file, then the ownership is recomputed. */
    public static OwnershipImport.Result gleif(Dataset dataset, Path file) {
        return OwnershipImport.store(dataset, GleifImporter.KIND, file, GleifImporter.toGraph(file));
    }

    private static Node graph(String kind, Path file) {
        return ImportService.graphName(kind, file.getFileName().toString());
    }
}

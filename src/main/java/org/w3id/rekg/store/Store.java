package org.w3id.rekg.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.w3id.rekg.ErrorCode;
import org.w3id.rekg.RekgException;

/**
 * Opens the graph's store: a TDB2 database in a folder, or a throwaway in-memory one. The
 * default graph of queries is the union of the named graphs.
 */
public final class Store {
    private Store() {}

    /** Opens (and creates if needed) the TDB2 store in {@code dir}. */
    public static Dataset open(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new RekgException(ErrorCode.STORE, "the store folder " + dir + " is not writable");
            }
            Dataset ds = TDB2Factory.connectDataset(dir.toString());
            ds.getContext().set(TDB2.symUnionDefaultGraph, true);
            return ds;
        } catch (RekgException e) {
            throw e;
        } catch (Exception e) {
            throw new RekgException(ErrorCode.STORE, "cannot open the store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing store ; fails with a clear message if it was never built. */
    public static Dataset openExisting(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RekgException(ErrorCode.STORE, "no store in " + dir + ": run './rekg build' first (or give --store)");
        }
        return open(dir);
    }

    /** An empty TDB2 store in memory, with the same transactions and union default graph. */
    public static Dataset inMemory() {
        Dataset ds = TDB2Factory.createDataset();
        ds.getContext().set(TDB2.symUnionDefaultGraph, true);
        return ds;
    }
}

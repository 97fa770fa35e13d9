package org.w3id.rekg.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * Opens the graph's store: a TDB2 database in a folder, or a throwaway in-memory one. The
 * default graph of queries is the union of the named graphs.
 */
public final class Store {
    private Store() {}

    /** Opens (and creates if needed) the TDB2 store in {@code dir}. */
    public static Dataset open(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new RekgException(ErrorCode.STORE, "the store folder " + dir
                        + " is a file, not a folder: give another folder with --store");
            }
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new RekgException(ErrorCode.STORE, "the store folder " + dir
                        + " is not writable: make it writable, or give another folder with --store");
            }
            Dataset ds = TDB2Factory.connectDataset(dir.toString());
            ds.getContext().set(TDB2.symUnionDefaultGraph, true);
            return ds;
        } catch (RekgException e) {
            throw e;
        } catch (Exception e) {
            String locked = lockHolder(e);
            if (locked != null) {
                throw new RekgException(ErrorCode.STORE, "the store folder " + dir + " is in use by another running process ("
                        + locked + ", e.g. a 'rekg serve' or 'rekg build'): stop it, or give another folder with --store."
                        + " Nothing was changed.", e);
            }
            throw new RekgException(ErrorCode.STORE, "cannot open the store in " + dir + ": " + e.getMessage()
                    + " (check that the folder is writable and the disk not full, or give another folder with --store)", e);
        }
    }

    /** "pid N" when {@code e} says that another process holds the store's lock, else null. */
    private static String lockHolder(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof org.apache.jena.dboe.base.file.AlreadyLocked || msg.contains("held by process")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("held by process (\\d+)").matcher(msg);
                return m.find() ? "pid " + m.group(1) : "another process";
            }
        }
        return null;
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

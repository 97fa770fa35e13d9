package org.w3id.rekg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * TDB2 compaction: a TDB2 store never reuses the space of what a transaction replaced, so each
 * changed build makes it larger; compaction writes the live data into a new generation and
 * deletes the old one. {@code rekg compact} runs it; after a changed build it runs by itself once
 * the store has grown to {@value #GROWTH_FACTOR} times its size after the last compaction.
 *
 * <pre>{@code
 * long before = Compaction.sizeOnDisk(dir);
 * Compaction.compact(dataset, dir);        // always
 * Compaction.compactIfGrown(dataset, dir); // only past the growth factor
 * }</pre>
 */
public final class Compaction {
    /** Growth, against the size after the last compaction, that triggers a compaction after a build. */
    public static final double GROWTH_FACTOR = 2.0;
    /** Where the size after the last compaction is kept, in the store folder. */
    static final String MARK = "rekg-compacted-size";

    private Compaction() {}

    /** The bytes of the store's files. */
    public static long sizeOnDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Compacts the TDB2 store {@code dataset} kept in {@code dir}; returns the size after it. */
    public static long compact(Dataset dataset, Path dir) {
        DatasetGraph dsg = dataset.asDatasetGraph();
        if (!DatabaseMgr.isTDB2(dsg)) {
            throw new RekgException(ErrorCode.USAGE, "only a TDB2 store can be compacted, not " + dsg.getClass().getSimpleName());
        }
        try {
            DatabaseMgr.compact(dsg, true);
        } catch (RuntimeException | InternalError e) {
            throw new RekgException(ErrorCode.STORE, "compacting the store in " + dir + " failed: " + e.getMessage()
                    + " (is the disk full? Compaction needs room for one more copy of the live data; the store is unchanged)", e);
        }
        long size = sizeOnDisk(dir);
        try {
            Files.writeString(dir.resolve(MARK), Long.toString(size));
        } catch (IOException e) {
            // The mark only decides when to compact next; without it the next build compacts again.
        }
        return size;
    }

    /** Compacts when the store has grown past {@link #GROWTH_FACTOR}; returns whether it did. */
    public static boolean compactIfGrown(Dataset dataset, Path dir) {
        long last;
        try {
            last = Long.parseLong(Files.readString(dir.resolve(MARK)).strip());
        } catch (IOException | NumberFormatException e) {
            last = 0;
        }
        long now = sizeOnDisk(dir);
        if (last > 0 && now < GROWTH_FACTOR * last) {
            return false;
        }
        if (last == 0 && now < 64L << 20) {
            // A young store: remember its size so that growth is measured from here.
            try {
                Files.writeString(dir.resolve(MARK), Long.toString(now));
            } catch (IOException e) {
                // see compact()
            }
            return false;
        }
        compact(dataset, dir);
        return true;
    }
}

package org.w3id.rekg.pipeline;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.remote.RemoteStore;
import org.w3id.rekg.remote.WorkingCopy;
import org.w3id.rekg.remote.WriterLock;

/**
 * An import (or any other change to the store) run against a remote store instead of the
 * embedded TDB2 store. REKG's graphs are read one by one into a working copy (never the whole
 * store: other data and system graphs stay where they are), the import runs on that copy exactly
 * as it does locally (matching, checks, ownership reasoning), and then only the graphs it changed
 * are written back (the import graph, which carries the file's hash, last), under the store's
 * {@link WriterLock}: a concurrent writer is refused. Nothing is written when the import fails.
 *
 * <pre>{@code
 * var r = new RemoteImport(RemoteStore.open(url, null, null, null), System.err::println, false)
 *         .run(ds -> new UsgsImporter(ds).importFile(file));
 * }</pre>
 */
public final class RemoteImport {
    private final RemoteStore store;
    private final Consumer<String> progress;
    private final boolean takeOver;

    public RemoteImport(RemoteStore store, Consumer<String> progress, boolean takeOver) {
        this.store = store;
        this.progress = progress;
        this.takeOver = takeOver;
    }

    /** Runs {@code work} on a working copy of REKG's graphs, then writes back what it changed. */
    public <T> T run(Function<Dataset, T> work) {
        store.repairHint("run the import again (add --take-over if it says another run is writing): the import graph is written last,"
                + " so an interrupted import is done again in full");
        WriterLock lock = new WriterLock(store);
        WriterLock.State seen = lock.read();
        if (seen.writing() && !takeOver) {
            lock.acquire(seen, false); // refuses, naming the other run
        }
        WorkingCopy copy = WorkingCopy.fetch(store, Map.of(), progress);
        T result = work.apply(copy.dataset());
        if (copy.unchanged() && !seen.writing()) {
            progress.accept("wrote 0 graph(s) and deleted 0 at " + store.display());
            return result;
        }
        String mine = lock.acquire(seen, takeOver);
        int[] n;
        try {
            n = copy.writeBack(store);
        } catch (RekgException e) {
            releaseQuietly(lock, mine);
            throw e;
        }
        lock.release(mine);
        progress.accept(String.format("wrote %d graph(s) and deleted %d at %s", n[0], n[1], store.display()));
        return result;
    }

    static void releaseQuietly(WriterLock lock, String mine) {
        try {
            lock.release(mine);
        } catch (RekgException ignored) {
            // the store is gone or another run took over: the lock then stays as it is, --take-over clears it
        }
    }
}

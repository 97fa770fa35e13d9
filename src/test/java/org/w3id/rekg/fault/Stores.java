package org.w3id.rekg.fault;

import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/** Store helpers for the fault tests. */
final class Stores {
    private Stores() {}

    /**
     * Opens the TDB2 store in {@code dir} as a new process would (TDB2 recovers from its journal
     * and takes over a lock left by a dead process), copies every quad into memory, and releases
     * the store again so that another process may open it.
     */
    static DatasetGraph snapshot(Path dir) {
        Dataset ds = Store.openExisting(dir);
        try {
            DatasetGraph copy = DatasetGraphFactory.createTxnMem();
            Txn.executeRead(ds, () -> ds.asDatasetGraph().find().forEachRemaining(copy::add));
            return copy;
        } finally {
            release(ds);
        }
    }

    /** Closes the store and drops it from TDB2's cache of open stores, which frees its lock. */
    static void release(Dataset ds) {
        TDBInternal.expel(ds.asDatasetGraph());
    }

    /** What a build of {@code layout} writes, built in memory. */
    static DatasetGraph expected(ProjectLayout layout) {
        Dataset mem = Store.inMemory();
        new BuildService(layout).build(mem);
        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        Txn.executeRead(mem, () -> mem.asDatasetGraph().find().forEachRemaining(copy::add));
        return copy;
    }
}

package org.w3id.rekg.cli;

import java.util.function.Function;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.pipeline.RemoteImport;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Mixin;

/** Where an import writes: the project's TDB2 store, or a remote store. */
final class ImportTarget {
    @Mixin
    RemoteOptions remote;

    /** Runs {@code work} on the local store, or on a copy of the remote one whose changed graphs are written back. */
    <T> T run(ProjectOptions project, boolean storeMustExist, java.util.function.Consumer<String> progress,
            Function<Dataset, T> work) {
        if (remote.given()) {
            return new RemoteImport(remote.open(), progress, remote.takeOver).run(work);
        }
        if (storeMustExist) {
            return project.withStore(work);
        }
        Dataset ds = Store.open(project.storeDir());
        try {
            return work.apply(ds);
        } finally {
            ds.close();
        }
    }
}

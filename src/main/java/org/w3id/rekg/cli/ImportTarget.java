package org.w3id.rekg.cli;

import java.util.function.Function;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.pipeline.RemoteImport;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Option;

/** Where an import writes: the project's TDB2 store, or a remote Graph Store Protocol endpoint. */
final class ImportTarget {
    @Option(names = "--remote", paramLabel = "URL",
            description = "Write to this SPARQL 1.1 Graph Store Protocol endpoint (e.g. http://host:3030/ds/data) instead of the local store.")
    String remote;

    /** Runs {@code work} on the local store, or on a copy of the remote one whose changed graphs are written back. */
    <T> T run(ProjectOptions project, boolean storeMustExist, java.util.function.Consumer<String> progress,
            Function<Dataset, T> work) {
        if (remote != null) {
            return new RemoteImport(remote, progress).run(work);
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

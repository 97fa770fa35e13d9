package org.w3id.rekg.cli;

import java.nio.file.Path;
import org.w3id.rekg.store.ProjectLayout;
import picocli.CommandLine.Option;

/** Options every command shares: where the project and its store are, and how much to say. */
final class ProjectOptions {
    @Option(names = "--project", paramLabel = "DIR",
            description = "Project folder with ontology/ and sources/ (default: the folder of the rekg launcher, else the current folder).")
    Path project;

    @Option(names = "--store", paramLabel = "DIR", description = "TDB2 store folder (default: PROJECT/store).")
    Path store;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors.")
    boolean verbose;

    ProjectLayout layout() {
        Path root = project != null ? project : Path.of(System.getProperty("rekg.home", "."));
        return new ProjectLayout(root);
    }

    /** Runs {@code work} on the project's existing store (a clear error if it was never built). */
    <T> T withStore(java.util.function.Function<org.apache.jena.query.Dataset, T> work) {
        org.apache.jena.query.Dataset ds = org.w3id.rekg.store.Store.openExisting(storeDir());
        try {
            return work.apply(ds);
        } finally {
            ds.close();
        }
    }

    Path storeDir() {
        return store != null ? store : layout().defaultStore();
    }
}

package org.w3id.rekg.ingest;

import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/** The project's graph built once in memory and shared by the ingest tests, with its gazetteer. */
final class TestGraph {
    private static Dataset dataset;
    private static Gazetteer gazetteer;

    private TestGraph() {}

    static Path projectDir() {
        return Path.of(System.getProperty("rekg.project.dir", ".")).toAbsolutePath().normalize();
    }

    /** The in-memory store with the project's graph, built once; tests ingest documents of their own names into it. */
    static synchronized Dataset dataset() {
        if (dataset == null) {
            dataset = Store.inMemory();
            new BuildService(new ProjectLayout(projectDir())).build(dataset);
        }
        return dataset;
    }

    static synchronized Gazetteer gazetteer() {
        if (gazetteer == null) {
            gazetteer = Gazetteer.load(dataset());
        }
        return gazetteer;
    }
}

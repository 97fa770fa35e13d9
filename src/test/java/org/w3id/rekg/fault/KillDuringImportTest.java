package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.pipeline.ImportService;

/**
 * {@code kill -9} while {@code rekg import} runs, at several moments (while the JVM starts, while
 * it reads the file, while it writes, after it committed): the store opens afterwards, the graphs
 * the import does not touch are unchanged, and the import's graph is either absent or complete,
 * never half-written.
 */
class KillDuringImportTest {
    private static final long[] KILL_DELAYS_MS = {300, 800, 1300, 1800, 2500};

    @Test
    void killNineDuringImportLeavesNoHalfWrittenGraph() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            String store = p.store().toString();
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "build", "--project", p.root().toString(), "--store", store, "-q"), err::toString);
            Path file = p.root().resolve("sources/reference/minmod-commodity.csv");
            Node graph = ImportService.graphName("minmod", file.getFileName().toString());
            String[] importArgs = {"import", "minmod", file.toString(), "--project", p.root().toString(), "--store", store};

            // the size of a complete import, from an import that is let finish in a copy of the store
            long complete;
            try (TestProject q = TestProject.create().source("test.yaml", TestProject.VALID)) {
                String other = q.store().toString();
                assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                        "build", "--project", q.root().toString(), "--store", other, "-q"));
                assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                        "import", "minmod", file.toString(), "--project", q.root().toString(), "--store", other));
                DatasetGraph done = Stores.snapshot(q.store());
                complete = done.getGraph(graph).size();
            }
            assertTrue(complete > 100, "a complete import has its triples: " + complete);

            DatasetGraph before = Stores.snapshot(p.store());
            List<String> outcomes = new ArrayList<>();
            for (long delay : KILL_DELAYS_MS) {
                try (ChildJvm child = ChildJvm.rekg(importArgs)) {
                    Thread.sleep(delay); // where the kill lands, not a measurement
                    child.kill();
                }
                DatasetGraph after = Stores.snapshot(p.store());
                long size = after.getGraph(graph).size();
                outcomes.add(delay + " ms: " + (size == 0 ? "no import" : size == complete ? "complete import" : "HALF " + size));
                assertTrue(size == 0 || size == complete, () -> "the import graph is absent or complete, never half-written: " + outcomes);
                before.listGraphNodes().forEachRemaining(g -> assertTrue(before.getGraph(g).isIsomorphicWith(after.getGraph(g)),
                        () -> "a graph the import does not touch changed: " + g));
                if (size == complete) {
                    break;
                }
            }
            System.out.println("kill -9 during import: " + outcomes);
        }
    }
}

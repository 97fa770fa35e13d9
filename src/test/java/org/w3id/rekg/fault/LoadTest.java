package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.bench.LoadBench;

/**
 * The load test, short: 8 clients run the repository's query catalogue against the server, alone
 * and beside pathological queries. A functional check only (zero errors; the pathological queries
 * are stopped, not answered); the figures come from {@code rekg bench load} (docs/robustness.md).
 */
class LoadTest {

    @Test
    void eightClientsRunTheCatalogueWithoutErrorsWhilePathologicalQueriesAreStopped() {
        try (TestProject p = TestProject.create().withRepositorySources()) {
            java.nio.file.Files.createSymbolicLink(p.root().resolve("queries"), TestProject.REPO.resolve("queries"));
            StringWriter out = new StringWriter();
            LoadBench.Figures f = new LoadBench(8, Duration.ofSeconds(2), Duration.ofMillis(1000), new PrintWriter(out), msg -> { })
                    .run(p.layout());
            assertEquals(0, f.errors(), out::toString);
            assertTrue(f.alone().requests() > 0, out::toString);
            assertTrue(f.withPathological().requests() > 0, out::toString);
            assertFalse(f.pathological().isEmpty(), out::toString);
            assertTrue(f.pathological().stream().noneMatch(q -> q.status() == 200), () -> "a pathological query was answered in full:\n" + out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.w3id.rekg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.BenchCommand;
import picocli.CommandLine;

/** Functional test of {@code rekg bench}: it runs with one iteration on the curated sources and prints every figure line. No timing is checked. */
class BenchCommandTest {

    private record Run(int status, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void runsEveryPartWithOneIterationAndPrintsTheFigures() throws Exception {
        try (TestProject p = TestProject.create().withRepositorySources().source("test.yaml", TestProject.VALID)) {
            Path json = p.root().resolve("bench.json");
            Run r = bench("all", "--iterations", "1", "--project", p.root().toString(),
                    "--jar", p.root().resolve("no-such.jar").toString(), "--json", json.toString());
            assertEquals(0, r.status(), r.err());

            // build: the full build beside the load-only alternative; the new JVM part is skipped without a jar
            assertTrue(r.out().contains("rekg build (read, check, infer, store)"), r.out());
            assertTrue(r.out().contains("load the compiled RDF only (no checks)"), r.out());
            assertTrue(r.out().contains("floor: a fresh TDB2 store, empty commit"), r.out());
            assertTrue(r.out().contains("cost of reading, checking and inferring"), r.out());
            assertTrue(r.out().contains("new JVM build: skipped, no jar at"), r.out());
            // serve needs the jar
            assertTrue(r.out().contains("serve: skipped, no jar at"), r.out());
            // queries: no queries/ folder in the test project, so the built-in set, beside ASK {} and a bare Fuseki
            assertTrue(r.out().contains("built-in queries (no queries/ folder)"), r.out());
            assertTrue(r.out().contains("ASK {} (the protocol's floor)"), r.out());
            assertTrue(r.out().contains("Fuseki HTTP p50"), r.out());
            for (String q : BenchService.BUILT_IN_QUERIES.keySet()) {
                assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(q + " ")), q + " missing:\n" + r.out());
            }
            assertEquals(2, r.out().lines().filter(l -> l.trim().startsWith("aim:")).count(), r.out());
            // progress goes to stderr
            assertTrue(r.err().contains("build: run 1/1"), r.err());

            JsonObject figures = JSON.read(json.toString());
            assertEquals(1, figures.get("iterations").getAsNumber().value().intValue());
            JsonObject build = figures.get("build").getAsObject();
            assertEquals(1, build.get("fullBuild").getAsObject().get("runs").getAsNumber().value().intValue());
            assertTrue(build.get("quads").getAsNumber().value().longValue() > 0);
            assertTrue(figures.get("serve").getAsObject().hasKey("skipped"));
            assertEquals(BenchService.BUILT_IN_QUERIES.size(),
                    figures.get("queries").getAsObject().get("queries").getAsArray().size());
        }
    }

    @Test
    void refusesAnUnknownPartAndZeroIterations() {
        Run r = bench("everything");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown part 'everything'"), r.err());
        Run z = bench("build", "--iterations", "0");
        assertEquals(2, z.status());
        assertTrue(z.err().contains("--iterations must be at least 1"), z.err());
    }
}

package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.rekg.Isomorphism;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;

/**
 * A build halted (as by {@code kill -9}) after each of its steps — the source graphs written, the
 * link sets derived, the ownership derived — leaves the store as the previous build left it, and
 * the next build redoes everything (it never says "unchanged" over a half-built store).
 */
class InterruptedBuildTest {

    @ParameterizedTest(name = "halted after {0}")
    @ValueSource(strings = {"sources", "links", "derived"})
    void aBuildHaltedAfterAStepIsRepairedByTheNextBuild(String step) throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            String[] build = {"build", "--project", p.root().toString(), "--store", p.store().toString()};
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), build), err::toString);
            DatasetGraph previous = Stores.snapshot(p.store());
            p.withRepositorySources();
            try (ChildJvm child = ChildJvm.rekgWith(List.of("-Drekg.failpoint=" + step), build)) {
                assertEquals(137, child.awaitExit(180), child::output);
            }
            assertTrue(Isomorphism.isomorphic(previous, Stores.snapshot(p.store())),
                    "a build halted after '" + step + "' changed the store");
            StringWriter out = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), build), err::toString);
            assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("built")), out::toString);
            assertTrue(Isomorphism.isomorphic(Stores.expected(p.layout()), Stores.snapshot(p.store())),
                    "the build after the halt did not leave the complete graph");
        }
    }
}

package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.Isomorphism;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;

/**
 * {@code kill -9} in the middle of {@code rekg build}: the previous graph is intact and the store
 * is usable at the next start. The build runs in a child JVM; once it has compiled everything
 * (it prints "inferred ...") it is in its write transaction, and it is killed with
 * {@code destroyForcibly} (SIGKILL) after a delay that grows from one attempt to the next (two
 * kills before the commit are enough; a kill after it ends the loop). Every kill must leave either
 * the previous graph (killed before the commit) or the new one, never a mix.
 */
class KillDuringBuildTest {

    private static final long[] KILL_DELAYS_MS = {100, 400, 1000, 3000};
    /** Kills before the commit wanted (each costs a JVM start). */
    private static final int WANTED = 2;

    @Test
    void killNineDuringBuildLeavesThePreviousGraphIntactAndUsable() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            String[] build = {"build", "--project", p.root().toString(), "--store", p.store().toString()};
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), build), err::toString);
            DatasetGraph previous = Stores.snapshot(p.store());
            // The next build writes the whole repository (about 11 000 quads): a write long enough to be hit.
            p.withRepositorySources();
            DatasetGraph next = Stores.expected(p.layout());

            List<String> outcomes = new ArrayList<>();
            int killedBeforeCommit = 0;
            for (long delay : KILL_DELAYS_MS) {
                boolean committed;
                try (ChildJvm child = ChildJvm.rekg(build)) {
                    assertTrue(child.awaitLine(l -> l.contains("inferred"), 120), () -> "the build never reached its write:\n" + child.output());
                    Thread.sleep(delay); // where the kill lands, not a measurement
                    child.kill();
                    committed = child.output().contains("stored ");
                }
                DatasetGraph after = Stores.snapshot(p.store());
                boolean unchanged = Isomorphism.isomorphic(previous, after);
                boolean complete = Isomorphism.isomorphic(next, after);
                outcomes.add(delay + " ms: " + (unchanged ? "previous graph" : complete ? "new graph" : "DAMAGED"));
                assertTrue(unchanged || complete, () -> "a killed build must leave the previous or the new graph, never a mix: " + outcomes);
                if (!committed && unchanged) {
                    killedBeforeCommit++;
                }
                if (complete || killedBeforeCommit == WANTED) {
                    break; // enough, or the kill came after the commit and the store now holds the new graph
                }
            }
            System.out.println("kill -9 during build: " + outcomes);
            int before = killedBeforeCommit;
            assertTrue(before >= 1, () -> "no kill landed during the write: " + outcomes);

            // Usable at the next start: a build over the killed store completes and gives the new graph.
            StringWriter err2 = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err2), build), err2::toString);
            assertTrue(Isomorphism.isomorphic(next, Stores.snapshot(p.store())), "the rebuilt store holds the new graph");
        }
    }
}

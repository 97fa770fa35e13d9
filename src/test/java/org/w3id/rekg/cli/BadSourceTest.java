package org.w3id.rekg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.w3id.rekg.Isomorphism;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.store.Store;

/**
 * Each kind of bad source input gets an error naming the file, the line and the problem, exit
 * status 1, and leaves the store as it was.
 */
class BadSourceTest {

    /** What a failed build printed, after a good build of the valid fixture. */
    private record Outcome(int status, String err, boolean storeUnchanged) {}

    private static Outcome buildAfterBreaking(String badYaml) {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            String[] args = {"build", "--project", p.root().toString(), "--store", p.store().toString(), "-q"};
            StringWriter first = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(first), args), first::toString);
            DatasetGraph before = snapshot(p);
            p.source("test.yaml", badYaml);
            StringWriter err = new StringWriter();
            int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
            DatasetGraph after = snapshot(p);
            return new Outcome(status, err.toString(), Isomorphism.isomorphic(before, after));
        }
    }

    private static DatasetGraph snapshot(TestProject p) {
        Dataset ds = Store.open(p.store());
        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        Txn.executeRead(ds, () -> ds.asDatasetGraph().find().forEachRemaining(copy::add));
        return copy;
    }

    private static void assertRejected(Outcome o, String line, String problem) {
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("sources/test.yaml [line " + line), "names the file and line: " + o.err());
        assertTrue(o.err().contains(problem), "says '" + problem + "': " + o.err());
        assertTrue(o.storeUnchanged(), "the store is unchanged");
    }

    @Test
    void malformedYamlIsRejectedWithItsLine() {
        String bad = TestProject.VALID.replace("    label: {en: Test mine, fr: Mine test}", "    label: {en: Test mine, fr: Mine test");
        assertRejected(buildAfterBreaking(bad), "2", "malformed YAML");
    }

    @Test
    void referenceToUnknownEntityIsRejected() {
        String bad = TestProject.VALID.replace("locatedIn: test-town", "locatedIn: atlantis");
        assertRejected(buildAfterBreaking(bad), "23", "unknown entity 'atlantis'");
    }

    @Test
    void shareOver100IsRejected() {
        String bad = TestProject.VALID.replace("share: 40", "share: 140");
        assertRejected(buildAfterBreaking(bad), "35", "share must be between 0 and 100, got 140");
    }

    @Test
    void negativeShareIsRejected() {
        String bad = TestProject.VALID.replace("share: 40", "share: -5");
        assertRejected(buildAfterBreaking(bad), "35", "share must be between 0 and 100, got -5");
    }

    @Test
    void invalidDateIsRejected() {
        String bad = TestProject.VALID.replace("startDate: 2025-07-10", "startDate: 2025-13-45");
        assertRejected(buildAfterBreaking(bad), "37", "invalid date '2025-13-45'");
    }

    @Test
    void duplicateIdentifierIsRejected() {
        String bad = TestProject.VALID.replace("id: test-town", "id: test-region");
        assertRejected(buildAfterBreaking(bad), "14", "duplicate identifier 'test-region', first defined at sources/test.yaml [line 9");
    }

    @Test
    void claimWithoutLocatorIsRejected() {
        String bad = TestProject.VALID.replace("    at: \"§2\"\n    label: {en: Test mine", "    label: {en: Test mine");
        assertRejected(buildAfterBreaking(bad), "19", "record 'test-mine' has no locator");
    }

    @Test
    void unknownPropertyIsRejected() {
        String bad = TestProject.VALID.replace("operates: test-mine", "runs: test-mine");
        assertRejected(buildAfterBreaking(bad), "28", "unknown property 'runs'");
    }
}

package org.w3id.rekg.link;

import org.w3id.rekg.importer.usgs.UsgsImporterTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.store.Store;

/** The commands as a user runs them: exit status and messages. */
class LinkCommandsTest {
    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {}

    private Run rekg(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private Path store() {
        Path dir = tmp.resolve("store");
        Dataset ref = LinkFixtures.referenceStore();
        Dataset ds = Store.open(dir);
        Txn.executeWrite(ds, () -> Txn.executeRead(ref, () -> ref.asDatasetGraph().find().forEachRemaining(ds.asDatasetGraph()::add)));
        ds.close();
        ref.close();
        return dir;
    }

    @Test
    void importUsgsWritesItsGraphAndSaysSo() {
        Path file = LinkFixtures.external(UsgsImporterTest.FILE);
        Run r = rekg("import", "usgs", "--project", LinkFixtures.REPO.toString(), "--store", store().toString(), file.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("imported into https://w3id.org/rekg/graph/import/usgs/mcs2024-raree_world.csv: 619 triples", r.out().strip());
    }

    @Test
    void importOfTheWrongFileFailsWithItsErrorCode() {
        Path file = LinkFixtures.external("minmod-entities/commodity.csv");
        Run r = rekg("import", "usgs", "--project", LinkFixtures.REPO.toString(), "--store", store().toString(), file.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("error REKG-071: "), r.err());
        assertTrue(r.err().contains("see docs/errors.md#import-format"), r.err());
    }

    @Test
    void linkToWikidataWithoutAnEndpointIsAUsageError() {
        Run r = rekg("link", "--target", "wikidata", "--project", LinkFixtures.REPO.toString(), "--store", tmp.resolve("none").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--target wikidata needs --endpoint URL"), r.err());
    }
}

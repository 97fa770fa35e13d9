package org.w3id.rekg.ownership;

import org.w3id.rekg.pipeline.Imports;

import org.w3id.rekg.pipeline.OwnershipImport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.importer.bods.BodsImporter;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.store.Store;

/** The BODS importer and the engine on the BODS project's own example files. */
class BodsOwnershipTest {
    static final Path EXAMPLES = Path.of(System.getProperty("rekg.project.dir", "."))
            .resolve("../shared/external/bods-examples");

    static Path example(String name) {
        Path p = EXAMPLES.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    static Analysis importAndAnalyse(Dataset ds, Path file, LocalDate asOf) {
        Imports.bods(ds, file);
        return Txn.calculateRead(ds, () -> new Analysis(ds.asDatasetGraph(), ReasonService.GRAPH, asOf));
    }

    @Test
    void theFinnishStateFullyControlsGasgridThroughKaasuverkkoAndDirectly() {
        Dataset ds = Store.inMemory();
        Analysis a = importAndAnalyse(ds, example("bods-package-fi-soe.json"), LocalDate.parse("2022-02-14"));
        int state = a.node(Rekg.id("state/FI"));
        int gasgrid = a.node(NodeFactory.createURI(Rekg.ID + "bods/19f1c5afe9d7"));
        int kaasuverkko = a.node(NodeFactory.createURI(Rekg.ID + "bods/0199c515a699"));
        List<Analysis.Path> paths = a.paths(state, gasgrid, 100);
        assertEquals(2, paths.size());
        double through = 0;
        double direct = 0;
        for (Analysis.Path p : paths) {
            boolean viaKaasuverkko = false;
            for (int e : p.edges()) {
                viaKaasuverkko |= a.reader.net.target(e) == kaasuverkko;
            }
            if (viaKaasuverkko) {
                through = p.lo();
            } else {
                direct = p.lo();
            }
            assertEquals(p.lo(), p.hi(), 1e-12);
        }
        assertEquals(0.765, through, 1e-12);
        assertEquals(0.235, direct, 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, a.share(state, gasgrid), 1e-12);
        assertArrayEquals(new int[] {state}, a.control.ultimate[gasgrid]);
        // the declared indirect 100 % agrees with the chain
        assertEquals(List.of(), a.findings().stream().filter(f -> f.message().contains("indirect")).toList());
        String text = Txn.calculateRead(ds, () -> ReasonService.explain(a, state, gasgrid));
        assertTrue(text.contains("= 76.5 %") && text.contains("= 23.5 %")
                && text.contains("effective share (every walk, cycles included, no double counting): 100 %"), text);
    }

    @Test
    void theOwnershipGraphRecordsTheDeclaredIndirectShareAsAgreeing() {
        Dataset ds = Store.inMemory();
        Imports.bods(ds, example("bods-package-fi-soe.json"));
        String check = Txn.calculateRead(ds, () -> ds.asDatasetGraph().getGraph(ReasonService.GRAPH)
                .find(NodeFactory.createURI(Rekg.ID + "bods/e8ddaee2a7a4"), Rekg.term("declaredShareCheck"), null)
                .next().getObject().getLiteralLexicalForm());
        assertEquals("agrees: declared 100 %, the chain gives 100 %", check);
    }

    @Test
    void anIndirectShareDeclaredThroughAnInterestOfUnknownSizeFallsWithinTheComputedRange() {
        Dataset ds = Store.inMemory();
        Analysis a = importAndAnalyse(ds, example("indirect-ownership.json"), LocalDate.parse("2018-12-17"));
        int person = a.node(NodeFactory.createURI(Rekg.ID + "bods/c25d4d612c2c"));
        int companyA = a.node(NodeFactory.createURI(Rekg.ID + "bods/ad3f6c2fcc9e"));
        assertArrayEquals(new double[] {0, 0.6}, a.share(person, companyA), 1e-12);
        assertEquals("agrees: declared 30 %, the chain gives between 0 and 60 %",
                a.checks.get(NodeFactory.createURI(Rekg.ID + "bods/d8d75ccf40e4")));
    }

    @Test
    void everyExampleFileImportsWithoutError() throws Exception {
        try (var files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Dataset ds = Store.inMemory();
                OwnershipImport.Result r = Imports.bods(ds, f);
                assertTrue(r.stored().triples() > 0, f.toString());
            }
        }
    }

    @Test
    void aMalformedBodsFileIsAnErrorNamingTheFileAndTheRecord(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                [{"recordId": "e1", "recordType": "entity", "recordDetails": {"name": "A", "entityType": {"type": "registeredEntity"}}},
                 {"recordId": "r1", "recordType": "relationship", "recordDetails": {"subject": "e1", "interestedParty": "nobody",
                   "interests": [{"type": "shareholding", "share": {"exact": 50}}]}}]
                """);
        RekgException e = assertThrows(RekgException.class, () -> BodsImporter.toGraph(bad));
        assertEquals("bad.json, statement #2 (record r1): the interested party 'nobody' is not an entity or person of this file",
                e.getMessage());
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "[{\"recordId\": ");
        RekgException e2 = assertThrows(RekgException.class, () -> BodsImporter.toGraph(notJson));
        assertTrue(e2.getMessage().startsWith(notJson + ": not valid JSON"), e2.getMessage());
    }

    @Test
    void aNegativeShareInABodsFileIsAnErrorNamingTheRecord(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("negative.json");
        Files.writeString(bad, """
                [{"recordId": "e1", "recordType": "entity", "recordDetails": {"name": "A", "entityType": {"type": "registeredEntity"}}},
                 {"recordId": "e2", "recordType": "entity", "recordDetails": {"name": "B", "entityType": {"type": "registeredEntity"}}},
                 {"recordId": "r1", "recordType": "relationship", "recordDetails": {"subject": "e1", "interestedParty": "e2",
                   "interests": [{"type": "shareholding", "share": {"exact": -5}}]}}]
                """);
        RekgException e = assertThrows(RekgException.class, () -> BodsImporter.toGraph(bad));
        assertEquals("negative.json, statement #3 (record r1): interest 1: share.exact must be between 0 and 100, got -5",
                e.getMessage());
    }
}

package org.w3id.rekg.ownership;

import org.w3id.rekg.pipeline.Imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.importer.gleif.GleifImporter;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.store.Store;

/** The GLEIF importer on recorded GLEIF API responses, and on a golden-copy style CSV. */
class GleifOwnershipTest {
    static final Path API = Path.of(System.getProperty("rekg.project.dir", ".")).resolve("../shared/external/gleif-api-json");

    static Path file(String name) {
        Path p = API.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    static Analysis analyse(Dataset ds) {
        return Txn.calculateRead(ds, () -> new Analysis(ds.asDatasetGraph(), ReasonService.GRAPH, LocalDate.parse("2025-05-15")));
    }

    @Test
    void theDirectConsolidationParentIsTheUltimateControllerAndAgreesWithTheDeclaredUltimateParent() {
        Dataset ds = Store.inMemory();
        Imports.gleif(ds, file("lei_records/single_lei_record_549300O897ZC5H7CY412.json"));
        Imports.gleif(ds, file("relationships/direct-parent-relationship_549300O897ZC5H7CY412.json"));
        Imports.gleif(ds, file("relationships/ultimate-parent-relationship_549300O897ZC5H7CY412.json"));
        Analysis a = analyse(ds);
        int child = a.node(Rekg.id("lei/549300O897ZC5H7CY412"));
        int parent = a.node(Rekg.id("lei/549300OWK6ZGNYP4G142"));
        assertArrayEquals(new int[] {parent}, a.control.ultimate[child]);
        assertEquals("agrees: declared control, found up the chain of controllers",
                a.checks.get(Rekg.id("lei-relationship/549300O897ZC5H7CY412-549300OWK6ZGNYP4G142-U")));
        // aligned with GLEIF's own RDF
        boolean seeAlso = Txn.calculateRead(ds, () -> ds.asDatasetGraph().contains(null, Rekg.id("lei/549300O897ZC5H7CY412"),
                RDFS.seeAlso.asNode(), NodeFactory.createURI("https://rdf.gleif.org/L1/L-549300O897ZC5H7CY412")));
        assertTrue(seeAlso);
    }

    @Test
    void anUltimateParentThatTheDirectParentsDoNotReachIsAWarning() {
        Dataset ds = Store.inMemory();
        Imports.gleif(ds, file("relationships/direct-parent-relationship_5493001KJTIIGC8Y1R12.json"));
        Imports.gleif(ds, file("relationships/ultimate-parent-relationship_5493001KJTIIGC8Y1R12.json"));
        Analysis a = analyse(ds);
        assertEquals(1, a.findings().size(), a.findings().toString());
        assertTrue(a.findings().get(0).toString().startsWith("warning: the indirect control of lei/5493001KJTIIGC8Y1R12"),
                a.findings().toString());
        assertTrue(a.findings().get(0).where().get(0).startsWith("ultimate-parent-relationship_5493001KJTIIGC8Y1R12.json, record"));
    }

    @Test
    void aPageOfChildRelationshipsGivesOneStakePerChild() {
        Graph g = GleifImporter.toGraph(file("relationships/direct-child-relationships_21380068P1DRHMJ8KU70.json"));
        assertEquals(15, g.find(null, Rekg.term("holder"), Rekg.id("lei/21380068P1DRHMJ8KU70")).toList().size());
    }

    @Test
    void theGoldenCopyCsvIsReadByItsStandardColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rr-golden-copy.csv");
        Files.writeString(csv, """
                Relationship.StartNode.NodeID,Relationship.StartNode.NodeIDType,Relationship.EndNode.NodeID,Relationship.EndNode.NodeIDType,Relationship.RelationshipType,Relationship.RelationshipStatus,Relationship.Period.1.startDate,Relationship.Period.1.endDate,Relationship.Period.1.periodType,Registration.RegistrationStatus
                5493001KJTIIGC8Y1R12,LEI,549300B56MD0ZC402L06,LEI,IS_DIRECTLY_CONSOLIDATED_BY,ACTIVE,2007-06-05T00:00:00Z,,RELATIONSHIP_PERIOD,PUBLISHED
                5493001KJTIIGC8Y1R12,LEI,549300RMUDWPHCUQNE66,LEI,IS_ULTIMATELY_CONSOLIDATED_BY,ACTIVE,2007-06-05T00:00:00Z,,RELATIONSHIP_PERIOD,PUBLISHED
                549300B56MD0ZC402L06,LEI,549300RMUDWPHCUQNE66,LEI,IS_DIRECTLY_CONSOLIDATED_BY,ACTIVE,,,,PUBLISHED
                """);
        Dataset ds = Store.inMemory();
        Imports.gleif(ds, csv);
        Analysis a = analyse(ds);
        int child = a.node(Rekg.id("lei/5493001KJTIIGC8Y1R12"));
        int top = a.node(Rekg.id("lei/549300RMUDWPHCUQNE66"));
        assertArrayEquals(new int[] {top}, a.control.ultimate[child]);
        assertEquals(java.util.List.of(), a.findings());
    }

    @Test
    void aMalformedGleifFileIsAnErrorNamingTheFileAndTheRecord(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad-relationship.json");
        Files.writeString(bad, """
                {"data": {"type": "relationship-records", "id": "r-1", "attributes": {"relationship":
                  {"startNode": {"id": "NOT-AN-LEI"}, "endNode": {"id": "549300B56MD0ZC402L06"}, "type": "IS_DIRECTLY_CONSOLIDATED_BY"}}}}
                """);
        RekgException e = assertThrows(RekgException.class, () -> GleifImporter.toGraph(bad));
        assertEquals("bad-relationship.json, record #1 (r-1): not an LEI: 'NOT-AN-LEI'", e.getMessage());
        Path csv = dir.resolve("wrong.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        RekgException e2 = assertThrows(RekgException.class, () -> GleifImporter.toGraph(csv));
        assertEquals(csv + ": not a GLEIF relationship file: no column Relationship.StartNode.NodeID", e2.getMessage());
    }
}

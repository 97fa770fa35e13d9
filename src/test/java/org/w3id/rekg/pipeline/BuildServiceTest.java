package org.w3id.rekg.pipeline;

import org.w3id.rekg.store.Store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.w3id.rekg.Isomorphism;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.query.QueryService;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.vocab.Rekg;

class BuildServiceTest {

    private static DatasetGraph copy(Dataset ds) {
        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        Txn.executeRead(ds, () -> ds.asDatasetGraph().find().forEachRemaining(copy::add));
        return copy;
    }

    @Test
    void rebuildingUnchangedInputChangesNothing() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Dataset ds = Store.open(p.store());
            BuildService service = new BuildService(p.layout());
            assertTrue(service.build(ds).changed());
            DatasetGraph first = copy(ds);
            BuildService.Result again = service.build(ds);
            assertFalse(again.changed());
            assertTrue(Isomorphism.isomorphic(first, copy(ds)));
        }
    }

    @Test
    void eachSourceGetsItsOwnNamedGraphWithItsClaims() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Dataset ds = Store.inMemory();
            new BuildService(p.layout()).build(ds);
            Node g = Rekg.graph("test-doc");
            Txn.executeRead(ds, () -> {
                assertTrue(ds.asDatasetGraph().contains(g, Rekg.id("test-mine"), Rekg.term("locatedIn"), Rekg.id("test-town")));
                assertTrue(ds.asDatasetGraph().contains(g, Rekg.claim("test-mine"), Rekg.term("locator"),
                        NodeFactory.createLiteralString("§2")));
                assertTrue(ds.asDatasetGraph().contains(g, Rekg.claim("test-mine"),
                        NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom"), Rekg.source("test-doc")));
                assertTrue(ds.asDatasetGraph().containsGraph(Rekg.GRAPH_ONTOLOGY));
            });
        }
    }

    @Test
    void inferredGraphHoldsTransitiveLocationAndInverses() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Dataset ds = Store.inMemory();
            new BuildService(p.layout()).build(ds);
            Txn.executeRead(ds, () -> {
                DatasetGraph dsg = ds.asDatasetGraph();
                Node inferred = Rekg.GRAPH_INFERRED;
                assertTrue(dsg.contains(inferred, Rekg.id("test-mine"), Rekg.term("locatedIn"), Rekg.id("state/AU")),
                        "a mine in a town in a region in Australia is in Australia");
                assertTrue(dsg.contains(inferred, Rekg.id("test-mine"), Rekg.term("operatedBy"), Rekg.id("test-firm")),
                        "operates has the inverse operatedBy");
                assertTrue(dsg.contains(inferred, Rekg.id("test-mine"), RDF.type.asNode(), Rekg.term("Site")), "a mine is a site");
                assertFalse(dsg.contains(inferred, Rekg.id("test-mine"), Rekg.term("locatedIn"), Rekg.id("test-town")),
                        "what the sources assert is not repeated in the inferred graph");
            });
        }
    }

    @Test
    void buildKeepsGraphsItDidNotWrite() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Dataset ds = Store.inMemory();
            Node imported = NodeFactory.createURI("https://example.org/imported");
            Txn.executeWrite(ds, () -> ds.asDatasetGraph().add(imported, imported, imported, imported));
            new BuildService(p.layout()).build(ds);
            p.source("test.yaml", TestProject.VALID.replace("share: 40", "share: 45"));
            assertTrue(new BuildService(p.layout()).build(ds).changed());
            Txn.executeRead(ds, () -> assertTrue(ds.asDatasetGraph().contains(imported, imported, imported, imported)));
        }
    }

    @Test
    void removedSourceFileLosesItsGraph() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Dataset ds = Store.inMemory();
            new BuildService(p.layout()).build(ds);
            p.root().resolve("sources/test.yaml").toFile().delete();
            new BuildService(p.layout()).build(ds);
            Txn.executeRead(ds, () -> assertFalse(ds.asDatasetGraph().containsGraph(Rekg.graph("test-doc"))));
        }
    }

    @Test
    void curatedSourcesHoldOverAHundredClaimsEachWithALocator() {
        try (TestProject p = TestProject.create().withRepositorySources()) {
            Dataset ds = Store.inMemory();
            new BuildService(p.layout()).build(ds);
            String q = QueryService.PREFIXES + """
                    SELECT ?doc (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?unlocated) AS ?without) {
                      ?c a rekg:Claim ; prov:wasDerivedFrom ?doc .
                      ?doc rekg:sourceKind <https://w3id.org/rekg/id/sourcekind/document> .
                      OPTIONAL { ?c a rekg:Claim FILTER NOT EXISTS { ?c rekg:locator ?l } BIND(?c AS ?unlocated) }
                    } GROUP BY ?doc""";
            Set<String> docs = new TreeSet<>();
            long[] total = {0};
            Txn.executeRead(ds, () -> {
                try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                    qe.execSelect().forEachRemaining(row -> {
                        docs.add(row.getResource("doc").getURI());
                        total[0] += row.getLiteral("claims").getLong();
                        assertEquals(0, row.getLiteral("without").getLong());
                    });
                }
            });
            assertEquals(List.of(Rekg.ID + "source/bara-2025", Rekg.ID + "source/lepesant-2025"), List.copyOf(docs));
            assertTrue(total[0] > 100, "both documents together hold over 100 claims, got " + total[0]);
        }
    }
}

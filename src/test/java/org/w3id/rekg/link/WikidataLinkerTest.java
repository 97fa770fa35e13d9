package org.w3id.rekg.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.store.Store;

/** 'rekg link --target wikidata' against a local Fuseki serving wikidata-fixture.ttl. */
class WikidataLinkerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Node WIKIDATA_SET = LinkSet.graphName("wikidata");

    static DatasetGraph repository;
    static DatasetGraph fixture;
    static FusekiServer fuseki;
    static String endpoint;

    Dataset ds;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        Dataset built = LinkFixtures.repositoryStore();
        repository = DatasetGraphFactory.createTxnMem();
        Txn.executeRead(built, () -> built.asDatasetGraph().find().forEachRemaining(repository::add));
        built.close();
        // (each test copies this into a fresh store)
        fixture = DatasetGraphFactory.createTxnMem();
        Graph wd = RDFParser.source(LinkFixtures.RESOURCES.resolve("wikidata-fixture.ttl")).toGraph();
        Txn.executeWrite(fixture, () -> GraphUtil.addInto(fixture.getDefaultGraph(), wd));
        fuseki = fixture(0);
        endpoint = "http://localhost:" + fuseki.getHttpPort() + "/wd/sparql";
    }

    static FusekiServer fixture(int port) {
        return FusekiServer.create().port(port).loopback(true).verbose(false).add("/wd", fixture).build().start();
    }

    @AfterAll
    static void stop() {
        if (fuseki != null) {
            fuseki.stop();
        }
    }

    @BeforeEach
    void store() {
        ds = Store.inMemory();
        Txn.executeWrite(ds, () -> repository.find().forEachRemaining(ds.asDatasetGraph()::add));
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private WikidataLinker.Options options(String url, boolean resume) {
        return new WikidataLinker.Options(url, Duration.ofSeconds(10), tmp.resolve("checkpoint.json"), resume, 50, CLOCK);
    }

    private List<String> rows(String select) {
        List<String> out = new ArrayList<>();
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(ReferenceLinkerTest.PREFIXES + select).build()) {
                var rs = qe.execSelect();
                rs.forEachRemaining(r -> {
                    List<String> cells = new ArrayList<>();
                    rs.getResultVars().forEach(v -> cells.add(!r.contains(v) ? "" : r.get(v).isLiteral() ? r.getLiteral(v).getLexicalForm()
                            : r.getResource(v).getURI().replace(Rekg.ID, "").replace(Identifiers.WIKIDATA_ENTITY, "wd:")
                                    .replace("http://www.w3.org/2002/07/owl#", "owl:").replace("http://www.w3.org/2004/02/skos/core#", "skos:")));
                    out.add(String.join(" ", cells));
                });
            }
        });
        return out;
    }

    private List<String> linksOf(String... ids) {
        StringBuilder values = new StringBuilder();
        for (String id : ids) {
            values.append(" <").append(Rekg.ID).append(id).append('>');
        }
        return rows("""
                SELECT ?s ?p ?o ?m ?score { VALUES ?s { %s } GRAPH <%s> { ?l rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                  rekg:linkMethod ?m ; rekg:linkScore ?score . ?s ?p ?o } } ORDER BY ?s""".formatted(values, WIKIDATA_SET.getURI()));
    }

    private boolean hasLinkSet() {
        return Txn.calculateRead(ds, () -> ds.asDatasetGraph().containsGraph(WIKIDATA_SET)
                && !ds.asDatasetGraph().getGraph(WIKIDATA_SET).isEmpty());
    }

    @Test
    void theRepositoryIsLinkedAsTheGoldStandardExpects() {
        WikidataLinker.Result r = new WikidataLinker(ds, options(endpoint, false)).run();
        LinkQuality q = LinkQuality.of(r.links(), LinkFixtures.RESOURCES.resolve("wikidata-gold.tsv"));
        assertEquals(new LinkQuality(17, 1, 2), q);
        assertEquals(List.of(
                "element/Nd owl:sameAs wd:Q920000060 linkmethod/identifier-match 1.0",
                "mp-materials skos:exactMatch wd:Q930000001 linkmethod/label-match 0.95",
                "noveon-magnetics skos:closeMatch wd:Q930000005 linkmethod/label-match 0.8",
                "rosatom skos:exactMatch wd:Q930000004 linkmethod/label-match 0.95",
                "solvay skos:closeMatch wd:Q930000002 linkmethod/label-match 0.85",
                "state/CN owl:sameAs wd:Q148 linkmethod/identifier-match 1.0",
                "state/MM owl:sameAs wd:Q836 linkmethod/identifier-match 1.0"),
                linksOf("state/CN", "state/MM", "element/Nd", "mp-materials", "solvay", "rosatom", "noveon-magnetics", "caremag", "lynas-rare-earths"));
        assertEquals(1, r.ambiguous().size());
        assertTrue(r.ambiguous().get(0).startsWith(Rekg.ID + "lynas-rare-earths: Q930000006 (0.95"), r.ambiguous().toString());
        assertEquals(List.of("P297 = MM, P298 = MMR, P299 = 104"), rows("""
                SELECT ?e { GRAPH <%s> { ?l rdf:subject <https://w3id.org/rekg/id/state/MM> ; rekg:matchEvidence ?e } }"""
                .formatted(WIKIDATA_SET.getURI())));
        assertEquals(List.of(endpoint), rows("SELECT ?e { <https://w3id.org/rekg/id/dataset/wikidata> void:sparqlEndpoint ?e }").stream()
                .map(s -> s.replace(" ", "")).toList());
        assertFalse(Files.exists(tmp.resolve("checkpoint.json")), "the checkpoint is removed after a complete run");
    }

    @Test
    void aFirmIsFoundByItsLeiAndAnLeiWithABadChecksumIsNotUsed() {
        Txn.executeWrite(ds, () -> {
            Graph g = ds.asDatasetGraph().getGraph(Rekg.graph("test-firms"));
            firm(g, "test-lei-firm", "A firm known by its LEI", "LEITEST0000000000005");
            firm(g, "test-bad-lei-firm", "A firm with a mistyped LEI", "LEITEST0000000000006");
        });
        WikidataLinker.Result r = new WikidataLinker(ds, options(endpoint, false)).run();
        assertEquals(List.of("test-lei-firm owl:sameAs wd:Q930000011 linkmethod/identifier-match 1.0"), linksOf("test-lei-firm", "test-bad-lei-firm"));
        assertEquals(List.of(Rekg.ID + "test-bad-lei-firm: LEI 'LEITEST0000000000006' fails the ISO 17442 check digits; looked up by label instead"),
                r.warnings());
    }

    private static void firm(Graph g, String id, String label, String lei) {
        g.add(Rekg.id(id), RDF.type.asNode(), Rekg.term("Firm"));
        g.add(Rekg.id(id), RDFS.label.asNode(), NodeFactory.createLiteralLang(label, "en"));
        g.add(Rekg.id(id), Rekg.term("lei"), NodeFactory.createLiteralString(lei));
    }

    @Test
    void aLinkMadeByHandIsNeverReplaced() {
        Node hand = Rekg.id("link/wikidata/by-hand-dy");
        Node item = NodeFactory.createURI(Identifiers.WIKIDATA_ENTITY + "Q999000066");
        Node dy = Rekg.id("element/Dy");
        Txn.executeWrite(ds, () -> {
            Graph g = ds.asDatasetGraph().getGraph(WIKIDATA_SET);
            g.add(dy, Link.SAME_AS, item);
            g.add(hand, RDF.type.asNode(), Rekg.term("Link"));
            g.add(hand, RDF.subject.asNode(), dy);
            g.add(hand, RDF.predicate.asNode(), Link.SAME_AS);
            g.add(hand, RDF.object.asNode(), item);
            g.add(hand, Rekg.term("linkMethod"), Link.Method.BY_HAND.node());
            g.add(hand, Rekg.term("linkScore"), NodeFactory.createLiteralDT("1", XSDDatatype.XSDdecimal));
        });
        WikidataLinker.Result r = new WikidataLinker(ds, options(endpoint, false)).run();
        assertEquals(1, r.keptByHand());
        assertEquals(List.of("element/Dy owl:sameAs wd:Q999000066 linkmethod/by-hand 1.0"), linksOf("element/Dy"));
        // and again: a second run keeps it too
        new WikidataLinker(ds, options(endpoint, false)).run();
        assertEquals(List.of("element/Dy owl:sameAs wd:Q999000066 linkmethod/by-hand 1.0"), linksOf("element/Dy"));
    }

    @Test
    void anEndpointThatIsDownGivesAClearMessageAndWritesNothing() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String down = "http://localhost:" + port + "/wd/sparql";
        long before = LinkFixtures.quads(ds);
        RekgException e = assertThrows(RekgException.class, () -> new WikidataLinker(ds, options(down, false)).run());
        assertEquals(ErrorCode.ENDPOINT, e.code());
        assertEquals("the SPARQL endpoint " + down + " cannot be reached (connection refused: is it down?). Nothing was written to the store; "
                + "0 of 7 batches are saved in " + tmp.resolve("checkpoint.json") + ": run again with --resume to go on from there.", e.getMessage());
        assertEquals(before, LinkFixtures.quads(ds));
    }

    @Test
    void aSlowEndpointTimesOutWithAClearMessageAndWritesNothing() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try {
            String url = "http://127.0.0.1:" + slow.getAddress().getPort() + "/sparql";
            WikidataLinker.Options o = new WikidataLinker.Options(url, Duration.ofMillis(300), tmp.resolve("cp.json"), false, 50, CLOCK);
            long before = LinkFixtures.quads(ds);
            RekgException e = assertThrows(RekgException.class, () -> new WikidataLinker(ds, o).run());
            assertEquals(ErrorCode.ENDPOINT, e.code());
            assertTrue(e.getMessage().startsWith("the SPARQL endpoint " + url + " did not answer within 300 ms. Nothing was written to the store"),
                    e.getMessage());
            assertEquals(before, LinkFixtures.quads(ds));
        } finally {
            release.countDown();
            slow.stop(0);
        }
    }

    @Test
    void aRunStoppedByTheEndpointGoesOnWithResumeToTheSameLinks() {
        // the same run, uninterrupted, in another store
        Dataset reference = Store.inMemory();
        Txn.executeWrite(reference, () -> repository.find().forEachRemaining(reference.asDatasetGraph()::add));
        new WikidataLinker(reference, new WikidataLinker.Options(endpoint, Duration.ofSeconds(10), tmp.resolve("other.json"), false, 50, CLOCK)).run();
        Graph expected = Txn.calculateRead(reference, () -> copy(reference));
        reference.close();

        FusekiServer flaky = fixture(0);
        int port = flaky.getHttpPort();
        String url = "http://localhost:" + port + "/wd/sparql";
        FusekiServer again = null;
        try {
            RekgException e = assertThrows(RekgException.class, () -> new WikidataLinker(ds, options(url, false))
                    .afterBatch(n -> {
                        if (n == 2) {
                            flaky.stop();
                        }
                    }).run());
            assertTrue(e.getMessage().contains("2 of 7 batches are saved"), e.getMessage());
            assertFalse(hasLinkSet(), "nothing is written before the run is complete");
            assertTrue(Files.isRegularFile(tmp.resolve("checkpoint.json")));

            again = fixture(port);
            WikidataLinker.Result r = new WikidataLinker(ds, options(url, true)).run();
            assertEquals(2, r.batchesFromCheckpoint());
            Graph actual = Txn.calculateRead(ds, () -> copy(ds));
            assertTrue(expected.isIsomorphicWith(actual), "the resumed run must write the same link set as an uninterrupted one");
        } finally {
            flaky.stop();
            if (again != null) {
                again.stop();
            }
        }
    }

    /** The wikidata link set of {@code d}, without the endpoint (which differs between the two runs). */
    private static Graph copy(Dataset d) {
        Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        d.asDatasetGraph().getGraph(WIKIDATA_SET).find().forEachRemaining(t -> {
            if (!t.getPredicate().getURI().equals(LinkSet.VOID + "sparqlEndpoint")) {
                g.add(t);
            }
        });
        return g;
    }
}

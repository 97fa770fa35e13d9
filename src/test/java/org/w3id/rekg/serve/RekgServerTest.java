package org.w3id.rekg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RekgServerTest {

    static final String ID = "https://w3id.org/rekg/id/";
    static final String G1 = "https://w3id.org/rekg/graph/lepesant-2025";
    static final String G2 = "https://w3id.org/rekg/graph/bara-2025";

    static final String PREFIXES = """
        PREFIX rekg: <https://w3id.org/rekg/ontology#>
        PREFIX id:   <https://w3id.org/rekg/id/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX dct:  <http://purl.org/dc/terms/>
        """;

    /** Mountain Pass as the first source states it (graph G1), used to check entity descriptions. */
    static final String MOUNTAIN_PASS = """
        id:mountain-pass a rekg:Mine ;
            rdfs:label "Mountain Pass mine"@en , "mine de Mountain Pass"@fr ;
            rekg:locatedIn id:california .
        id:claim\\/mountain-pass a rekg:Claim ;
            rekg:about id:mountain-pass ;
            prov:wasDerivedFrom id:source\\/lepesant-2025 ;
            rekg:locator "p. 2, §1" .
        """;

    static final String FIXTURE = PREFIXES + """
        GRAPH <https://w3id.org/rekg/graph/lepesant-2025> {
        """ + MOUNTAIN_PASS + """
            id:california a rekg:Region ; rdfs:label "California"@en .
            id:claim\\/california a rekg:Claim ; rekg:about id:california ;
                prov:wasDerivedFrom id:source\\/lepesant-2025 ; rekg:locator "p. 2, §1" .
            id:source\\/lepesant-2025 a rekg:SourceDocument ;
                dct:title "Terres rares : vers la fin de la suprématie chinoise ?" .
        }
        GRAPH <https://w3id.org/rekg/graph/bara-2025> {
            id:mp-materials a rekg:Firm ; rdfs:label "MP Materials"@en ;
                rekg:operates id:mountain-pass .
            id:claim\\/mp-materials a rekg:Claim ; rekg:about id:mp-materials ;
                prov:wasDerivedFrom id:source\\/bara-2025 ; rekg:locator "p. 5" .
            id:evil-corp a rekg:Firm ;
                rdfs:label "<script>alert('x')</script> & Co"@en .
            id:claim\\/evil-corp a rekg:Claim ; rekg:about id:evil-corp ;
                prov:wasDerivedFrom id:source\\/bara-2025 ; rekg:locator "p. 9 <b>" .
        }
        """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // ---- fixtures

    static Dataset dataset(String kind) {
        Dataset ds = switch (kind) {
            case "tdb2" -> TDB2Factory.createDataset();
            case "mem" -> DatasetFactory.createTxnMem();
            default -> throw new IllegalArgumentException(kind);
        };
        Txn.executeWrite(ds, () -> RDFParser.fromString(FIXTURE, Lang.TRIG).parse(ds.asDatasetGraph()));
        return ds;
    }

    /** A dataset with many triples in one named graph, for slow queries and row caps. */
    static Dataset bigDataset(int triples) {
        Dataset ds = dataset("mem");
        Txn.executeWrite(ds, () -> {
            Graph g = ds.asDatasetGraph().getGraph(NodeFactory.createURI(G2));
            for ( int i = 0; i < triples; i++ )
                g.add(NodeFactory.createURI(ID + "thing-" + i),
                      NodeFactory.createURI("https://w3id.org/rekg/ontology#rank"),
                      NodeFactory.createLiteralString(Integer.toString(i)));
        });
        return ds;
    }

    static long size(Dataset ds) {
        return Txn.calculateRead(ds, () -> {
            long n = 0;
            var it = ds.asDatasetGraph().find();
            while ( it.hasNext() ) { it.next(); n++; }
            return n;
        });
    }

    /** Build a server on a free port, start it, run the body, stop it. */
    static void withServer(RekgServer.Builder builder, Consumer<RekgServer> body) {
        RekgServer server = builder.port(0).build();
        server.start();
        try {
            body.accept(server);
        } finally {
            server.stop();
        }
    }

    static String base(RekgServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String url, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if ( accept != null )
            b.header("Accept", accept);
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException ex) {
            throw new AssertionError("HTTP request failed: " + request.uri(), ex);
        }
    }

    HttpResponse<String> query(RekgServer server, String query) {
        String url = server.sparqlUrl() + "?query=" + URLEncoder.encode(PREFIXES + query, StandardCharsets.UTF_8);
        return get(url, "application/sparql-results+json");
    }

    static List<Binding> rows(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> "SPARQL query failed: " + response.body());
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)),
                                         ResultSetLang.RS_JSON);
        List<Binding> rows = new ArrayList<>();
        while ( rs.hasNext() )
            rows.add(rs.nextBinding());
        return rows;
    }

    static Graph parse(String text, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(text, lang).parse(g);
        return g;
    }

    static void assertRefused(HttpResponse<String> response) {
        assertTrue(response.statusCode() == 404 || response.statusCode() == 405,
                   () -> "Expected 404 or 405 for " + response.request().method() + " " + response.request().uri()
                         + ", got " + response.statusCode() + ": " + response.body());
    }

    // ---- SPARQL endpoint

    @ParameterizedTest(name = "{0} dataset")
    @ValueSource(strings = {"tdb2", "mem"})
    void sparqlEndpointAnswersOverUnionOfNamedGraphs(String kind) {
        Dataset ds = dataset(kind);
        withServer(RekgServer.create().dataset(ds), server -> {
            // A join across the two named graphs: the firm (graph G2) and the mine's region (graph G1).
            List<Binding> rows = rows(query(server, """
                SELECT ?label WHERE {
                  id:mp-materials rekg:operates ?mine .
                  ?mine rekg:locatedIn ?region .
                  ?region rdfs:label ?label }"""));
            assertEquals(1, rows.size());
            assertEquals("California", rows.get(0).get("label").getLiteralLexicalForm());
            // /rekg/query is the same service.
            String url = base(server) + "/rekg/query?query="
                         + URLEncoder.encode(PREFIXES + "SELECT ?f { ?f a rekg:Firm }", StandardCharsets.UTF_8);
            assertEquals(2, rows(get(url, "application/sparql-results+json")).size());
        });
    }

    @Test
    void updateIsRefused() {
        Dataset ds = dataset("mem");
        long before = size(ds);
        String update = "INSERT DATA { GRAPH <" + G1 + "> { <urn:x:s> <urn:x:p> <urn:x:o> } }";
        withServer(RekgServer.create().dataset(ds), server -> {
            for ( String path : List.of("/rekg/sparql", "/rekg/query", "/rekg/update", "/rekg", "/rekg/get") ) {
                assertRefused(send(HttpRequest.newBuilder(URI.create(base(server) + path))
                        .header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString(update)).build()));
                assertRefused(send(HttpRequest.newBuilder(URI.create(base(server) + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("update=" + URLEncoder.encode(update, StandardCharsets.UTF_8)))
                        .build()));
            }
        });
        assertEquals(before, size(ds), "the dataset must not change");
    }

    @Test
    void graphStoreWriteIsRefused() {
        Dataset ds = dataset("mem");
        long before = size(ds);
        String turtle = "<urn:x:s> <urn:x:p> <urn:x:o> .";
        String graphParam = "?graph=" + URLEncoder.encode(G1, StandardCharsets.UTF_8);
        withServer(RekgServer.create().dataset(ds), server -> {
            for ( String path : List.of("/rekg/get", "/rekg/data", "/rekg", "/rekg/upload") ) {
                for ( String params : List.of(graphParam, "?default", "") ) {
                    URI uri = URI.create(base(server) + path + params);
                    assertRefused(send(HttpRequest.newBuilder(uri).header("Content-Type", "text/turtle")
                            .PUT(HttpRequest.BodyPublishers.ofString(turtle)).build()));
                    assertRefused(send(HttpRequest.newBuilder(uri).header("Content-Type", "text/turtle")
                            .POST(HttpRequest.BodyPublishers.ofString(turtle)).build()));
                    assertRefused(send(HttpRequest.newBuilder(uri).DELETE().build()));
                }
            }
        });
        assertEquals(before, size(ds), "the dataset must not change");
    }

    @Test
    void graphStoreReadReturnsANamedGraph() {
        Dataset ds = dataset("tdb2");
        withServer(RekgServer.create().dataset(ds), server -> {
            HttpResponse<String> response = get(base(server) + "/rekg/get?graph="
                                                + URLEncoder.encode(G2, StandardCharsets.UTF_8), "text/turtle");
            assertEquals(200, response.statusCode(), response::body);
            Graph got = parse(response.body(), Lang.TURTLE);
            Graph expected = Txn.calculateRead(ds, () -> {
                Graph g = GraphFactory.createDefaultGraph();
                ds.asDatasetGraph().getGraph(NodeFactory.createURI(G2)).find().forEachRemaining(g::add);
                return g;
            });
            assertTrue(expected.isIsomorphicWith(got), "GSP read must return the named graph");
        });
    }

    // ---- SERVICE

    /** A local HTTP server that counts the requests it receives. */
    static HttpServer countingServer(AtomicInteger hits) throws IOException {
        HttpServer remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        remote.start();
        return remote;
    }

    @Test
    void serviceClauseIsRefusedByDefault() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer remote = countingServer(hits);
        try {
            withServer(RekgServer.create().dataset(dataset("mem")), server -> {
                String remoteUrl = "http://127.0.0.1:" + remote.getAddress().getPort() + "/sparql";
                for ( String endpoint : List.of("http://127.0.0.1:1/sparql", remoteUrl) ) {
                    HttpResponse<String> response = query(server, "SELECT * { SERVICE <" + endpoint + "> { ?s ?p ?o } }");
                    assertTrue(response.statusCode() >= 400, () -> "SERVICE must be refused: " + response.body());
                }
                HttpResponse<String> variable = query(server, "SELECT * { BIND(<" + remoteUrl + "> AS ?e) SERVICE ?e { ?s ?p ?o } }");
                assertTrue(variable.statusCode() >= 400, () -> "SERVICE ?var must be refused: " + variable.body());
            });
        } finally {
            remote.stop(0);
        }
        assertEquals(0, hits.get(), "no network call may be made for a refused SERVICE");
    }

    @Test
    void serviceClauseReachesOnlyAllowedEndpoints() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer other = countingServer(hits);
        Dataset remoteData = DatasetFactory.createTxnMem();
        Txn.executeWrite(remoteData, () -> RDFParser.fromString(PREFIXES
                + "GRAPH <urn:x-rekg-test:g> { id:state\\/AU rdfs:label \"Australia\"@en }", Lang.TRIG).parse(remoteData.asDatasetGraph()));
        try {
            withServer(RekgServer.create().dataset(remoteData), remote -> {
                withServer(RekgServer.create().dataset(dataset("mem")).allowService(List.of(remote.sparqlUrl())), server -> {
                    List<Binding> rows = rows(query(server,
                            "SELECT ?l { SERVICE <" + remote.sparqlUrl() + "> { id:state\\/AU rdfs:label ?l } }"));
                    assertEquals(1, rows.size());
                    assertEquals("Australia", rows.get(0).get("l").getLiteralLexicalForm());
                    String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort() + "/sparql";
                    HttpResponse<String> refused = query(server, "SELECT * { SERVICE <" + otherUrl + "> { ?s ?p ?o } }");
                    assertTrue(refused.statusCode() >= 400, () -> "unlisted SERVICE must be refused: " + refused.body());
                });
            });
        } finally {
            other.stop(0);
        }
        assertEquals(0, hits.get(), "no call to an endpoint that is not allowed");
    }

    // ---- limits

    @Test
    void queryTimeoutStopsASlowQuery() {
        Dataset ds = bigDataset(3000);
        withServer(RekgServer.create().dataset(ds).queryTimeout(Duration.ofMillis(500)), server -> {
            long start = System.nanoTime();
            HttpResponse<String> response = query(server,
                    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertNotEquals(200, response.statusCode(), "a query over 2.7e10 rows must time out");
            assertTrue(millis < 15_000, "the timeout must stop the query quickly, took " + millis + " ms");
        });
    }

    @Test
    void resultCapLimitsRows() {
        Dataset ds = bigDataset(50);
        withServer(RekgServer.create().dataset(ds).resultLimit(7), server -> {
            HttpResponse<String> capped = query(server, "SELECT * { ?s ?p ?o }");
            assertEquals(7, rows(capped).size());
            assertEquals("7", capped.headers().firstValue(CappedQueryProcessor.CAP_HEADER).orElse(null));
            assertEquals(7, rows(query(server, "SELECT * { ?s ?p ?o } LIMIT 1000")).size());
            HttpResponse<String> small = query(server, "SELECT * { ?s ?p ?o } LIMIT 3");
            assertEquals(3, rows(small).size());
            assertTrue(small.headers().firstValue(CappedQueryProcessor.CAP_HEADER).isEmpty());
        });
    }

    // ---- entity pages

    @ParameterizedTest(name = "{0} dataset")
    @ValueSource(strings = {"tdb2", "mem"})
    void entityPageNegotiatesTurtle(String kind) {
        Graph expected = parse(PREFIXES + MOUNTAIN_PASS, Lang.TURTLE);
        withServer(RekgServer.create().dataset(dataset(kind)), server -> {
            String url = base(server) + "/id/mountain-pass";
            HttpResponse<String> turtle = get(url, "text/turtle");
            assertEquals(200, turtle.statusCode(), turtle::body);
            assertTrue(turtle.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
            assertTrue(expected.isIsomorphicWith(parse(turtle.body(), Lang.TURTLE)), () -> "Turtle was:\n" + turtle.body());
            // The other RDF formats give the same description.
            for ( Lang lang : List.of(Lang.JSONLD, Lang.RDFXML, Lang.NTRIPLES) ) {
                String ct = lang.getHeaderString();
                HttpResponse<String> r = get(url, ct);
                assertEquals(200, r.statusCode(), r::body);
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(ct), ct);
                assertTrue(expected.isIsomorphicWith(parse(r.body(), lang)), () -> ct + " was:\n" + r.body());
            }
            // Browsers and */* get HTML.
            HttpResponse<String> html = get(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(get(url, "*/*").headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        });
    }

    @Test
    void entityPageHtmlEscapesLabels() {
        withServer(RekgServer.create().dataset(dataset("mem")), server -> {
            HttpResponse<String> response = get(base(server) + "/id/evil-corp", "text/html");
            assertEquals(200, response.statusCode());
            String body = response.body();
            assertFalse(body.contains("<script>"), "a label must never be printed as markup");
            assertFalse(body.contains("<b>"), "a locator must never be printed as markup");
            assertTrue(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"), body);
            assertTrue(body.contains("p. 9 &lt;b&gt;"), body);
        });
    }

    @Test
    void entityPageShowsSourceLocator() {
        withServer(RekgServer.create().dataset(dataset("tdb2")), server -> {
            HttpResponse<String> response = get(base(server) + "/id/mountain-pass", "text/html");
            assertEquals(200, response.statusCode());
            String body = response.body();
            assertTrue(body.contains("<h1>Mountain Pass mine</h1>"), body);
            assertTrue(body.contains("mine de Mountain Pass"), "the French label is shown");
            assertTrue(body.contains("p. 2, §1"), "the locator of the claim is shown");
            assertTrue(body.contains("Terres rares : vers la fin de la suprématie chinoise ?"), "the source is named");
            assertTrue(body.contains(G1), "the named graph of the facts is shown");
            assertTrue(body.contains("href=\"/id/california\""), "related entities are linked");
            assertTrue(body.contains("href=\"/id/mp-materials\""), "incoming links are listed");
            assertTrue(body.contains("Referenced by"));
        });
    }

    @Test
    void unknownEntityGives404() {
        withServer(RekgServer.create().dataset(dataset("mem")), server -> {
            HttpResponse<String> html = get(base(server) + "/id/no-such-thing", "text/html");
            assertEquals(404, html.statusCode());
            assertTrue(html.body().contains("no-such-thing"));
            assertEquals(404, get(base(server) + "/id/no-such-thing", "text/turtle").statusCode());
            assertEquals(404, get(base(server) + "/id/", "text/html").statusCode());
            assertEquals(404, get(base(server) + "/id/bad%3Cid%3E", "text/html").statusCode());
        });
    }

    // ---- UI and network

    @Test
    void uiIsServedAtRoot() {
        withServer(RekgServer.create().dataset(dataset("mem")), server -> {
            HttpResponse<String> root = get("http://localhost:" + server.port() + "/", "text/html");
            assertEquals(200, root.statusCode());
            assertTrue(root.body().contains("Fuseki"), root.body());
            HttpResponse<String> status = get(base(server) + "/$/server", "application/json");
            assertEquals(200, status.statusCode());
            assertTrue(status.body().contains("/rekg"), status.body());
            assertEquals(200, get(base(server) + "/$/ping", null).statusCode());
            // The UI's admin operations are not available.
            assertRefused(send(HttpRequest.newBuilder(URI.create(base(server) + "/$/datasets?dbName=x&dbType=mem"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build()));
        });
    }

    @Test
    void serverBindsToLoopbackByDefault() {
        withServer(RekgServer.create().dataset(dataset("mem")), server -> {
            assertEquals(List.of("127.0.0.1"), server.boundHosts());
            assertTrue(server.sparqlUrl().startsWith("http://127.0.0.1:" + server.port() + "/rekg/sparql"));
            assertEquals(200, get(base(server) + "/$/ping", null).statusCode());
            // Not reachable on another address of this machine.
            for ( InetAddress address : nonLoopbackAddresses() ) {
                assertThrows(IOException.class, () -> {
                    try ( Socket socket = new Socket() ) {
                        socket.connect(new InetSocketAddress(address, server.port()), 2000);
                    }
                }, "the server must not answer on " + address);
            }
        });
    }

    static List<InetAddress> nonLoopbackAddresses() {
        List<InetAddress> result = new ArrayList<>();
        try {
            for ( NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces()) ) {
                if ( !ni.isUp() || ni.isLoopback() )
                    continue;
                for ( InetAddress a : Collections.list(ni.getInetAddresses()) ) {
                    if ( a instanceof Inet4Address && !a.isLoopbackAddress() )
                        result.add(a);
                }
            }
        } catch (IOException ex) {
            // No interfaces to check.
        }
        return result;
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        Dataset ds = dataset("mem");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(ds).port(70000).build()).getMessage().contains("70000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(ds).resultLimit(0).build()).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(ds).queryTimeout(Duration.ofSeconds(-1)).build()).getMessage().contains("PT-1S"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(ds).host("bad host").build()).getMessage().contains("bad host"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(ds).allowService(List.of("ftp://x/sparql")).build()).getMessage().contains("ftp://x/sparql"));
        assertThrows(IllegalStateException.class, () -> RekgServer.create().build());
    }

    @Test
    void portInUseIsAClearServerError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RekgServer server = RekgServer.create().dataset(org.apache.jena.query.DatasetFactory.createTxnMem())
                    .port(taken.getLocalPort()).build();
            org.w3id.rekg.core.RekgException e = org.junit.jupiter.api.Assertions.assertThrows(org.w3id.rekg.core.RekgException.class, server::start);
            assertEquals(org.w3id.rekg.core.ErrorCode.SERVER, e.code());
            assertTrue(e.getMessage().contains("port is in use"), e.getMessage());
        }
    }
}

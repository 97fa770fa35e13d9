package org.w3id.rekg.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.serve.Limits;
import org.w3id.rekg.serve.RekgServer;

/**
 * What an attacker can no longer take from the read-only server (issue 10, findings 1 to 5): the
 * validators are gone (no server-side fetch, no reflected script), bodies and answers are bounded,
 * a trickling client is cut off, and a query that would exhaust the heap is stopped while the
 * server keeps answering.
 */
class ResourceLimitTest {

    @Test
    void dataValidatorDoesNotFetchARemoteJsonLdContext() throws Exception {
        try (ServerSocket bait = new ServerSocket(0)) {
            bait.setSoTimeout(1500);
            Http.withServer(RekgServer.create().dataset(Http.dataset()), server -> {
                String data = "{\"@context\":\"http://127.0.0.1:" + bait.getLocalPort() + "/x\",\"@id\":\"urn:a\",\"p\":1}";
                Http.Raw r = Http.rawGet(server, "/$/validate/data?languageSyntax=JSON-LD&data="
                        + URLEncoder.encode(data, StandardCharsets.UTF_8));
                assertEquals(404, r.status());
            });
            assertThrows(SocketTimeoutException.class, () -> bait.accept().close(), "the server connected to the bait address");
        }
    }

    @Test
    void validatorsDoNotReflectScript() {
        Http.withServer(RekgServer.create().dataset(Http.dataset()), server -> {
            for (String path : List.of("/$/validate/langtag?langtag=%3Cscript%3Ealert(1)%3C/script%3E",
                    "/$/validate/iri?iri=%3Cimg%20src=x%20onerror=alert(1)%3E", "/$/validate/iri", "/$/validate/query?query=ASK{}")) {
                Http.Raw r = Http.rawGet(server, path);
                assertEquals(404, r.status(), path);
                assertFalse(r.text().contains("<script>") || r.text().contains("<img"), path);
            }
        });
    }

    @Test
    void aQueryBodyOverTheLimitIsRefusedWith413() {
        Http.withServer(RekgServer.create().dataset(Http.dataset()).limits(Limits.defaults().withMaxBodyBytes(64 * 1024)), server -> {
            String query = "ASK { FILTER(\"" + "x".repeat(200_000) + "\" != \"\") }";
            HttpResponse<String> r = Http.send(Http.request(Http.base(server) + "/rekg/sparql")
                    .header("Content-Type", "application/sparql-query").POST(HttpRequest.BodyPublishers.ofString(query)).build());
            assertEquals(413, r.statusCode());
            HttpResponse<String> ok = Http.send(Http.request(Http.base(server) + "/rekg/sparql")
                    .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                    .POST(HttpRequest.BodyPublishers.ofString("ASK {}")).build());
            assertEquals(200, ok.statusCode(), ok.body());
        });
    }

    @Test
    void aTricklingBodyIsCutOffWhileOthersAreServed() throws Exception {
        Http.withServer(RekgServer.create().dataset(Http.dataset()).limits(Limits.defaults().withMinDataRate(512)), server -> {
            try {
                trickle(server);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void trickle(RekgServer server) throws IOException {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write(("POST /rekg/sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                        + "Content-Length: 1000\r\n\r\nA").getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            // Another client is answered at once although twenty requests are pending.
            HttpResponse<String> ask = Http.send(Http.request(Http.base(server) + "/rekg/sparql?query=ASK%7B%7D")
                    .header("Accept", "application/sparql-results+json").build());
            assertEquals(200, ask.statusCode());
            // A trickle of one byte a second does not keep a request alive: the server ends it.
            Socket s = slow.get(0);
            s.setSoTimeout(500);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            boolean ended = false;
            while (!ended && System.nanoTime() < deadline) {
                try {
                    out.write('S');
                    out.flush();
                    int b = in.read();
                    ended = true; // a response (an error status) or end of stream
                    assertTrue(b == -1 || b == 'H', "unexpected byte " + b);
                } catch (SocketTimeoutException stillWaiting) {
                    // no answer yet: trickle another byte
                } catch (IOException reset) {
                    ended = true;
                }
            }
            assertTrue(ended, "a body trickled at 2 bytes a second was still being read after 40 s");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
}

    @Test
    void aConstructTemplateCannotMultiplyTheCap() {
        StringBuilder template = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            template.append("?s <urn:p").append(i).append("> ?o . ");
        }
        String q = "CONSTRUCT { " + template + "} WHERE { ?s ?p ?o }";
        Http.withServer(RekgServer.create().dataset(Http.dataset()).resultLimit(1000), server -> {
            HttpResponse<String> r = Http.send(Http.request(Http.base(server) + "/rekg/sparql")
                    .header("Content-Type", "application/sparql-query").header("Accept", "application/n-triples")
                    .POST(HttpRequest.BodyPublishers.ofString(q)).build());
            assertEquals(200, r.statusCode());
            Model m = ModelFactory.createDefaultModel();
            RDFParser.fromString(r.body(), Lang.NTRIPLES).parse(m);
            assertTrue(m.size() <= 1000, "a CONSTRUCT answered " + m.size() + " triples under a cap of 1000");
            assertTrue(m.size() >= 500, "the answer should hold at least one solution's triples, got " + m.size());
        });
    }

    @Test
    void aQueryThatWouldExhaustTheHeapIsStoppedAndTheServerKeepsServing() throws Exception {
        Dataset ds = Http.dataset();
        Txn.executeWrite(ds, () -> {
            var g = ds.asDatasetGraph().getGraph(NodeFactory.createURI("https://w3id.org/rekg/graph/bulk"));
            for (int i = 0; i < 2000; i++) {
                g.add(NodeFactory.createURI("https://w3id.org/rekg/id/n" + i), NodeFactory.createURI("urn:p"),
                        NodeFactory.createLiteralString("value number " + i + " of the bulk graph"));
            }
        });
        String bomb = "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?s),STR(?p),STR(?o),STR(?s2)))) AS ?l) {?s ?p ?o . ?s2 ?p2 ?o2}";
        RekgServer.Builder b = RekgServer.create().dataset(ds).queryTimeout(java.time.Duration.ofSeconds(120))
                .limits(Limits.defaults().withMemoryHighWater(0.3));
        Http.withServer(b, server -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<HttpResponse<String>> big = pool.submit(() -> Http.send(Http.request(Http.base(server) + "/rekg/sparql")
                        .timeout(java.time.Duration.ofSeconds(150)).header("Content-Type", "application/sparql-query")
                        .POST(HttpRequest.BodyPublishers.ofString(bomb)).build()));
                HttpResponse<String> answer = big.get(150, TimeUnit.SECONDS);
                assertNotEquals(200, answer.statusCode(), "the memory bomb was answered: " + answer.body());
                assertTrue(server.queriesCancelledForMemory() >= 1 || answer.statusCode() == 503,
                        "status " + answer.statusCode() + " without the memory guard: " + answer.body());
                HttpResponse<String> ask = Http.send(Http.request(Http.base(server) + "/rekg/sparql?query=ASK%7B%7D")
                        .header("Accept", "application/sparql-results+json").build());
                assertEquals(200, ask.statusCode());
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void aHostBeyondLoopbackNeedsPublicAndWritesThereNeedTls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(Http.dataset()).host("0.0.0.0").build());
        assertEquals("Host 0.0.0.0 is not a loopback address: binding beyond this machine needs --public"
                + " (and, for write mode, TLS in front: --behind-tls-proxy)", e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> RekgServer.create()
                .dataset(Http.dataset()).host("0.0.0.0").publicAccess(true).writable("writer", "pw").build());
        assertTrue(w.getMessage().startsWith("Write mode on the public address 0.0.0.0 would send the password in clear"), w.getMessage());
    }

    @Test
    void failedLoginsAreThrottled() {
        Http.withServer(RekgServer.create().dataset(Http.dataset()).writable("writer", "right-password"), server -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                statuses.add(Http.send(Http.request(Http.base(server) + RekgServer.WRITE_DATASET + "/update")
                        .header("Authorization", Http.basic("writer", "guess-" + i))
                        .header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { <urn:a> <urn:b> <urn:c> }")).build()).statusCode());
            }
            assertEquals(List.of(401, 401, 401, 401, 401, 429, 429), statuses);
            HttpResponse<String> right = Http.send(Http.request(Http.base(server) + RekgServer.WRITE_DATASET + "/update")
                    .header("Authorization", Http.basic("writer", "right-password"))
                    .header("Content-Type", "application/sparql-update")
                    .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { <urn:a> <urn:b> <urn:c> }")).build());
            assertEquals(429, right.statusCode(), "even the right password waits until the minute has passed");
        });
    }
}

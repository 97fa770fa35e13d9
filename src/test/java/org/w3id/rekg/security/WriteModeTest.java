package org.w3id.rekg.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.fault.ChildJvm;
import org.w3id.rekg.serve.RekgServer;

/**
 * The opt-in write mode ({@code rekg serve --writable --user NAME --password-file FILE}): writes
 * need HTTP basic authentication as that user; without credentials the mode is refused, on a
 * non-loopback address as anywhere; the read-only endpoints stay read-only.
 */
class WriteModeTest {

    private static final String INSERT = "INSERT DATA { GRAPH <https://w3id.org/rekg/graph/edit> { <https://w3id.org/rekg/id/new> <http://www.w3.org/2000/01/rdf-schema#label> \"new\" } }";

    private static HttpResponse<String> update(RekgServer server, String path, String authorization) {
        HttpRequest.Builder b = Http.request(Http.base(server) + path).header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString(INSERT));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return Http.send(b.build());
    }

    private static boolean hasEdit(Dataset ds) {
        return Txn.calculateRead(ds, () -> ds.asDatasetGraph().containsGraph(NodeFactory.createURI("https://w3id.org/rekg/graph/edit")));
    }

    @Test
    void writeModeRequiresTheUsersPassword() {
        Dataset ds = Http.dataset();
        Http.withServer(RekgServer.create().dataset(ds).writable("editor", "s3cret pass"), server -> {
            assertEquals(401, update(server, "/rekg-write/update", null).statusCode(), "no credentials");
            assertEquals(401, update(server, "/rekg-write/update", Http.basic("editor", "wrong")).statusCode(), "wrong password");
            assertEquals(401, update(server, "/rekg-write/update", Http.basic("intruder", "s3cret pass")).statusCode(), "unknown user");
            assertTrue(!hasEdit(ds), "nothing written without the password");
            HttpResponse<String> ok = update(server, "/rekg-write/update", Http.basic("editor", "s3cret pass"));
            assertTrue(ok.statusCode() == 200 || ok.statusCode() == 204, () -> ok.statusCode() + " " + ok.body());
            assertTrue(hasEdit(ds), "the authenticated update is written");
        });
    }

    @Test
    void graphStoreWritesInWriteModeRequireAuthentication() {
        Dataset ds = Http.dataset();
        Http.withServer(RekgServer.create().dataset(ds).writable("editor", "pw"), server -> {
            String url = Http.base(server) + "/rekg-write/data?graph=" + "https://w3id.org/rekg/graph/edit";
            HttpRequest.Builder put = Http.request(url).header("Content-Type", "text/turtle")
                    .PUT(HttpRequest.BodyPublishers.ofString("<https://w3id.org/rekg/id/a> <https://w3id.org/rekg/id/b> 1 ."));
            assertEquals(401, Http.send(put.build()).statusCode());
            assertTrue(!hasEdit(ds));
            int status = Http.send(put.header("Authorization", Http.basic("editor", "pw")).build()).statusCode();
            assertTrue(status == 200 || status == 201 || status == 204, "status " + status);
            assertTrue(hasEdit(ds));
        });
    }

    @Test
    void readOnlyEndpointsStayReadOnlyAndOpenInWriteMode() {
        Dataset ds = Http.dataset();
        Http.withServer(RekgServer.create().dataset(ds).writable("editor", "pw"), server -> {
            // the public endpoints refuse writes even with the right credentials
            int status = update(server, "/rekg/sparql", Http.basic("editor", "pw")).statusCode();
            assertTrue(status == 400 || status == 404 || status == 405, "status " + status);
            status = update(server, "/rekg/update", Http.basic("editor", "pw")).statusCode();
            assertTrue(status == 404 || status == 405, "status " + status);
            assertTrue(!hasEdit(ds));
            // and reading needs no credentials
            HttpResponse<String> read = Http.send(Http.request(Http.base(server) + "/rekg/sparql?query=ASK%7B%7D").GET().build());
            assertEquals(200, read.statusCode());
        });
    }

    @Test
    void writeModeWithoutCredentialsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RekgServer.create().dataset(Http.dataset()).host("0.0.0.0").writable("editor", null).build());
        assertTrue(e.getMessage().contains("non-loopback address 0.0.0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RekgServer.create().dataset(Http.dataset()).writable(null, "pw").build());
        assertThrows(IllegalArgumentException.class, () -> RekgServer.create().dataset(Http.dataset()).writable("", "pw").build());
    }

    @Test
    void serveWritableWithoutUserOrPasswordFileIsRefused() {
        try (TestProject p = TestProject.create()) {
            for (String[] args : new String[][] {
                    {"serve", "--no-build", "--store", p.store().toString(), "--writable", "--host", "0.0.0.0", "--port", "0"},
                    {"serve", "--no-build", "--store", p.store().toString(), "--writable", "--user", "editor", "--port", "0"},
                    {"serve", "--no-build", "--store", p.store().toString(), "--user", "editor", "--port", "0"}}) {
                StringWriter err = new StringWriter();
                int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
                assertEquals(1, status, err::toString);
                assertTrue(err.toString().contains("REKG-040"), err::toString);
            }
            StringWriter err = new StringWriter();
            Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "serve", "--no-build", "--store", p.store().toString(), "--writable", "--host", "0.0.0.0", "--port", "0");
            assertTrue(err.toString().contains("0.0.0.0 is not a loopback address"), err::toString);
        }
    }

    @Test
    void serveWritableWithPasswordFileAcceptsTheUserOnly() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Path passwordFile = p.root().resolve("password.txt");
            Files.writeString(passwordFile, "correct horse\n");
            try (ChildJvm server = ChildJvm.rekg("serve", "--project", p.root().toString(), "--store", p.store().toString(),
                    "--port", "0", "--writable", "--user", "editor", "--password-file", passwordFile.toString())) {
                assertTrue(server.awaitLine(l -> l.contains("REKG is served at"), 120), server::output);
                String line = server.output().lines().filter(l -> l.contains("REKG is served at")).findFirst().orElseThrow();
                String base = line.replaceFirst(".*REKG is served at (http://[^/ ]+)/.*", "$1");
                HttpRequest.Builder b = Http.request(base + "/rekg-write/update").header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString(INSERT));
                assertEquals(401, Http.send(b.build()).statusCode());
                int status = Http.send(b.header("Authorization", Http.basic("editor", "correct horse")).build()).statusCode();
                assertTrue(status == 200 || status == 204, "status " + status);
                HttpResponse<String> ask = Http.send(Http.request(base + "/rekg/sparql?query="
                        + java.net.URLEncoder.encode("ASK { GRAPH <https://w3id.org/rekg/graph/edit> { ?s ?p ?o } }", java.nio.charset.StandardCharsets.UTF_8))
                        .header("Accept", "application/sparql-results+json").GET().build());
                assertTrue(ask.body().contains("true"), ask.body());
            }
        }
    }
}

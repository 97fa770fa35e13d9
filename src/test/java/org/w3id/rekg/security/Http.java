package org.w3id.rekg.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.system.Txn;
import org.w3id.rekg.serve.RekgServer;

/** HTTP helpers for the security tests: a server on a free loopback port, plain and raw requests. */
final class Http {
    private Http() {}

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A small dataset: one source graph with an entity whose label is hostile HTML. */
    static Dataset dataset() {
        Dataset ds = DatasetFactory.createTxnMem();
        Txn.executeWrite(ds, () -> RDFParser.fromString("""
                PREFIX rekg: <https://w3id.org/rekg/ontology#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                GRAPH <https://w3id.org/rekg/graph/test> {
                  <https://w3id.org/rekg/id/mine> a rekg:Mine ; rdfs:label "A mine"@en .
                  <https://w3id.org/rekg/id/secret> a rekg:Firm ; rdfs:label "SECRET-LABEL"@en .
                  <https://w3id.org/rekg/id/x> a rekg:Firm ; rdfs:label "<img src=x onerror=alert(1)>"@en .
                }""", Lang.TRIG).parse(ds.asDatasetGraph()));
        return ds;
    }

    /** Starts the server on a free port, runs the body, stops it. */
    static void withServer(RekgServer.Builder builder, Consumer<RekgServer> body) {
        RekgServer server = builder.host("127.0.0.1").port(0).build().start();
        try {
            body.accept(server);
        } finally {
            server.stop();
        }
    }

    static String base(RekgServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A raw response: status and body. */
    record Raw(int status, String text) {}

    /**
     * Sends {@code GET rawPath} byte for byte (no client-side normalisation of dots or escapes)
     * and reads the whole response.
     */
    static Raw rawGet(RekgServer server, String rawPath) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            String text = buf.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Raw(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.w3id.rekg.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.query.ARQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.rekg.serve.RekgServer;

/**
 * Hostile requests to the read-only server: SPARQL injection through an entity page's path, path
 * traversal out of the static files, and Jena's script functions.
 */
class HostileRequestTest {

    /** Text that must never appear in an answer: files outside the web root and classpath resources. */
    private static final List<String> LEAKS = List.of("root:x:0:0", "Manifest-Version", "<modelVersion>", "package org.w3id",
            "PREFIX rekg:", "\u00ca\u00fe\u00ba\u00be" /* class file magic as Latin-1 */);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/id/x%3E%20%7D%20UNION%20%7B%20?s%20?p%20?o%20%7D%20%23",
            "/id/x%3E%20?p%20?o%20%7D%20UNION%20%7BGRAPH%20?g%20%7B%3Chttps://w3id.org/rekg/id/secret%3E%20?p%20?o%7D%7D%20%23",
            "/id/x%22)%20.%20FILTER(true",
            "/id/x%0A%7D%20INSERT%20DATA%20%7B%3Ca%3E%20%3Cb%3E%20%3Cc%3E%7D",
            "/id/%3Chttps://w3id.org/rekg/id/secret%3E",
            "/id/x%2F..%2Fsecret"})
    void entityPagesDoNotInjectThePathIntoSparql(String path) {
        Http.withServer(RekgServer.create().dataset(Http.dataset()), server -> {
            Http.Raw r = Http.rawGet(server, path);
            assertTrue(r.status() == 400 || r.status() == 404, () -> "status " + r.status() + " for " + path);
            assertFalse(r.text().contains("SECRET-LABEL"), () -> "another entity's data leaked for " + path + ":\n" + r.text());
        });
    }

    @Test
    void entityPageEscapesALabelThatIsHtml() {
        Http.withServer(RekgServer.create().dataset(Http.dataset()), server -> {
            Http.Raw r = Http.rawGet(server, "/id/x");
            assertEquals(200, r.status());
            assertFalse(r.text().contains("<img src=x"), r.text());
            assertTrue(r.text().contains("&lt;img src=x onerror=alert(1)&gt;"), r.text());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/../../../../../../etc/passwd",
            "/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/%252e%252e/%252e%252e/etc/passwd",
            "/..;/..;/etc/passwd",
            "/.%2e/.%2e/META-INF/MANIFEST.MF",
            "/../META-INF/MANIFEST.MF",
            "/%2e%2e/org/w3id/rekg/cli/Main.class",
            "/static/..%5c..%5c..%5cetc%5cpasswd",
            "/$/..%2f..%2fpom.xml",
            "/id/..%2f..%2f..%2fetc%2fpasswd",
            "/file:///etc/passwd",
            "//etc/passwd",
            "/%00../../etc/passwd"})
    void staticFilesDoNotEscapeTheWebRoot(String path) {
        Http.withServer(RekgServer.create().dataset(Http.dataset()), server -> {
            Http.Raw r = Http.rawGet(server, path);
            assertTrue(r.status() == 400 || r.status() == 404, () -> "status " + r.status() + " for " + path + ":\n" + r.text());
            for (String leak : LEAKS) {
                assertFalse(r.text().contains(leak), () -> "leaked '" + leak + "' for " + path);
            }
        });
    }

    @Test
    void scriptFunctionsAreOff() {
        String property = System.getProperty(ARQ.systemPropertyScripting);
        assertTrue(property == null || !property.equalsIgnoreCase("true"), "jena:scripting must not be enabled, is " + property);
        assertTrue(System.getProperty("jena.scripting") == null, "no jena.scripting property either");
        Http.withServer(RekgServer.create().dataset(Http.dataset()), server -> {
            String q = "PREFIX js: <http://jena.apache.org/ARQ/jsFunction#> SELECT ?v { BIND(js:parseInt(\"42\") AS ?v) }";
            HttpResponse<String> r = Http.send(Http.request(server.sparqlUrl() + "?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                    .header("Accept", "application/sparql-results+json").GET().build());
            // refused by ARQ ("Scripting not enabled"), never run
            assertFalse(r.body().contains("42"), () -> "the script function ran: " + r.body());
            assertEquals(400, r.statusCode(), r::body);
            assertTrue(r.body().contains("Scripting not enabled"), r::body);
        });
        String after = System.getProperty(ARQ.systemPropertyScripting);
        assertTrue(after == null || !after.equalsIgnoreCase("true"), "the server did not turn scripting on");
    }
}

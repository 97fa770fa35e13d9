package org.w3id.rekg.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.core.SafeParsing;

/** JSON-LD read anywhere in REKG never fetches its {@code @context}: no request, no local file read. */
class JsonLdContextTest {

    @Test
    void aRemoteContextIsRefusedWithoutAConnection() throws Exception {
        SafeParsing.install();
        try (ServerSocket bait = new ServerSocket(0)) {
            bait.setSoTimeout(1000);
            String doc = "{\"@context\":\"http://127.0.0.1:" + bait.getLocalPort() + "/ctx\",\"@id\":\"urn:a\",\"p\":\"x\"}";
            Model m = ModelFactory.createDefaultModel();
            RiotException e = assertThrows(RiotException.class, () -> RDFParser.fromString(doc, Lang.JSONLD).parse(m));
            assertTrue(String.valueOf(e.getMessage()).contains("REKG loads no remote JSON-LD context")
                    || String.valueOf(e.getCause()).contains("REKG loads no remote JSON-LD context"), String.valueOf(e));
            assertThrows(SocketTimeoutException.class, () -> bait.accept().close(), "the parser connected to the context's address");
        }
    }

    @Test
    void aFileContextIsNotRead() {
        SafeParsing.install();
        String doc = "{\"@context\":\"file:///etc/passwd\",\"@id\":\"urn:a\",\"p\":\"x\"}";
        Model m = ModelFactory.createDefaultModel();
        RiotException e = assertThrows(RiotException.class, () -> RDFParser.fromString(doc, Lang.JSONLD).parse(m));
        assertTrue(!String.valueOf(e.getMessage()).contains("root:x:0:0"), String.valueOf(e));
    }
}

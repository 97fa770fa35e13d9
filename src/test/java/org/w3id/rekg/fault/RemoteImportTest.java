package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.pipeline.ImportService;

/**
 * {@code rekg import ... --remote URL}: an import written to a SPARQL 1.1 Graph Store Protocol
 * endpoint (a second Fuseki started by the test) instead of the embedded store, with its
 * matching against the remote graph and the ownership reasoning done as locally.
 */
class RemoteImportTest {
    private static final Path EXTERNAL = TestProject.REPO.resolve("../shared/external").normalize();

    private record Outcome(int status, String out, String err) {}

    private static Outcome rekg(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void importsWriteTheirGraphsAndOwnershipToAGraphStoreEndpoint() {
        Path usgs = EXTERNAL.resolve("usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv");
        Path bods = EXTERNAL.resolve("bods-examples/bods-package-fi-soe.json");
        Assumptions.assumeTrue(Files.isRegularFile(usgs) && Files.isRegularFile(bods), "../shared/external is not there");
        DatasetGraph remote = DatasetGraphFactory.createTxnMem();
        FusekiServer fuseki = FusekiServer.create().loopback(true).port(0).add("/ds", remote, true).build().start();
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            String url = "http://127.0.0.1:" + fuseki.getHttpPort() + "/ds/data";
            Outcome built = rekg("build", "--project", p.root().toString(), "--remote", url);
            assertEquals(0, built.status(), built.err());

            Outcome imported = rekg("import", "usgs", usgs.toString(), "--project", p.root().toString(), "--remote", url);
            assertEquals(0, imported.status(), imported.err());
            Node usgsGraph = ImportService.graphName("usgs", usgs.getFileName().toString());
            long triples = Txn.calculateRead(remote, () -> (long) remote.getGraph(usgsGraph).size());
            assertTrue(triples > 100, "the USGS figures are in the remote store: " + triples);
            // the figures were matched against the states the remote build wrote
            assertTrue(Txn.calculateRead(remote, () -> remote.find(usgsGraph, Node.ANY, Node.ANY, Rekg.id("state/CN")).hasNext()));

            Outcome again = rekg("import", "usgs", usgs.toString(), "--project", p.root().toString(), "--remote", url);
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().contains("unchanged") && again.out().contains("wrote 0 graph(s)"), again.out());

            Outcome owners = rekg("import", "bods", bods.toString(), "--project", p.root().toString(), "--remote", url);
            assertEquals(0, owners.status(), owners.err());
            Node ownership = Rekg.graph("inferred/ownership");
            assertTrue(Txn.calculateRead(remote, () -> remote.find(ownership, Node.ANY, RDF.type.asNode(),
                    NodeFactory.createURI(Rekg.NS + "EffectiveStake")).hasNext()), "the ownership results are in the remote store");
        } finally {
            fuseki.stop();
        }
    }

    @Test
    void unreachableRemoteStoreIsAClearError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path file = Files.createTempFile("rekg", ".json");
        try {
            Files.writeString(file, "[]");
            Outcome o = rekg("import", "bods", file.toString(), "--remote", "http://127.0.0.1:" + port + "/ds/data");
            assertEquals(1, o.status());
            assertTrue(o.err().contains("REKG-020") && o.err().contains("cannot reach the remote store"), o.err());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

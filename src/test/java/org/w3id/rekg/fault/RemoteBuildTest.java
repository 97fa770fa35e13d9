package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.vocab.Rekg;

/**
 * {@code rekg build --remote URL}: the build written to a SPARQL 1.1 Graph Store Protocol
 * endpoint, here a second Fuseki with an in-memory dataset started by the test.
 */
class RemoteBuildTest {

    private record Outcome(int status, String out, String err) {}

    private static Outcome rekg(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    private static final Node IMPORTED = NodeFactory.createURI("https://w3id.org/rekg/graph/import/other/data");
    private static final Node MARK = NodeFactory.createURI("https://w3id.org/rekg/id/mark");

    @Test
    void buildWritesEveryGraphToAGraphStoreEndpointAndUnchangedInputsWriteNothing() throws Exception {
        DatasetGraph remote = DatasetGraphFactory.createTxnMem();
        // a graph the build does not own, already in the remote store
        Txn.executeWrite(remote, () -> remote.add(IMPORTED, MARK, MARK, MARK));
        FusekiServer fuseki = FusekiServer.create().loopback(true).port(0).add("/ds", remote, true).build().start();
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)
                .source("extra.yaml", TestProject.VALID.replace("test-", "extra-").replace("id: extra-doc", "id: extra-doc"))) {
            String url = "http://127.0.0.1:" + fuseki.getHttpPort() + "/ds/data";
            String[] build = {"build", "--project", p.root().toString(), "--remote", url};

            Outcome first = rekg(build);
            assertEquals(0, first.status(), first.err());
            assertTrue(first.out().contains("built: "), first.out());
            assertSameGraphs(compiled(p), remote);
            assertTrue(Txn.calculateRead(remote, () -> remote.contains(IMPORTED, MARK, MARK, MARK)), "a graph the build does not own is kept");

            // unchanged inputs: nothing is written (a triple added remotely to a built graph survives)
            Node testGraph = Rekg.graph("test-doc");
            Txn.executeWrite(remote, () -> remote.add(testGraph, MARK, MARK, MARK));
            Outcome second = rekg(build);
            assertEquals(0, second.status(), second.err());
            assertTrue(second.out().contains("unchanged: "), second.out());
            assertTrue(Txn.calculateRead(remote, () -> remote.contains(testGraph, MARK, MARK, MARK)), "nothing was written");

            // changed inputs: graphs replaced, the graph of a removed source deleted, others kept
            Files.delete(p.root().resolve("sources/extra.yaml"));
            Outcome third = rekg(build);
            assertEquals(0, third.status(), third.err());
            assertTrue(third.out().contains("built: "), third.out());
            assertSameGraphs(compiled(p), remote);
            assertFalse(Txn.calculateRead(remote, () -> remote.containsGraph(Rekg.graph("extra-doc"))), "the removed source's graph is deleted");
            assertTrue(Txn.calculateRead(remote, () -> remote.contains(IMPORTED, MARK, MARK, MARK)), "a graph the build does not own is kept");
        } finally {
            fuseki.stop();
        }
    }

    @Test
    void unreachableRemoteStoreIsAClearError() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String url = "http://127.0.0.1:" + port + "/ds/data";
            Outcome o = rekg("build", "--project", p.root().toString(), "--remote", url);
            assertEquals(1, o.status(), o.err());
            assertTrue(o.err().contains("REKG-020"), o.err());
            assertTrue(o.err().contains("cannot reach the remote store " + url), o.err());
        }
    }

    /** What the build compiles, literals in canonical form (as the remote build writes them: 40.0, not 40). */
    private static DatasetGraph compiled(TestProject p) {
        DatasetGraph out = DatasetGraphFactory.createGeneral();
        var canonical = org.apache.jena.riot.process.normalize.CanonicalizeLiteral.get();
        new org.w3id.rekg.pipeline.BuildService(p.layout()).compile().graphs().forEach((name, g) -> {
            var c = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            g.find().forEachRemaining(t -> c.add(t.getSubject(), t.getPredicate(), canonical.apply(t.getObject())));
            out.addGraph(name, c);
        });
        return out;
    }

    /** The same graphs but the build's metadata graph (whose bookkeeping differs), each isomorphic. */
    private static void assertSameGraphs(DatasetGraph expected, DatasetGraph remote) {
        Txn.executeRead(remote, () -> {
            Set<Node> names = new HashSet<>();
            expected.listGraphNodes().forEachRemaining(names::add);
            names.remove(Rekg.GRAPH_META);
            for (Node g : names) {
                assertTrue(remote.containsGraph(g), "missing " + g);
                assertTrue(expected.getGraph(g).isIsomorphicWith(remote.getGraph(g)), () -> "differs: " + g + "\nexpected only: "
                        + org.apache.jena.graph.GraphUtil.findAll(expected.getGraph(g)).filterDrop(remote.getGraph(g)::contains).toList()
                        + "\nremote only: " + org.apache.jena.graph.GraphUtil.findAll(remote.getGraph(g)).filterDrop(expected.getGraph(g)::contains).toList());
            }
            Set<Node> remoteNames = new HashSet<>();
            remote.listGraphNodes().forEachRemaining(remoteNames::add);
            remoteNames.removeAll(names);
            remoteNames.remove(Rekg.GRAPH_META);
            remoteNames.remove(IMPORTED);
            // the writer lock, left ready by the build
            Node lock = org.w3id.rekg.remote.WriterLock.GRAPH;
            assertTrue(remote.contains(lock, lock, NodeFactory.createURI("https://w3id.org/rekg/build#writerState"),
                    NodeFactory.createLiteralString("ready")), "the writer lock is released");
            remoteNames.remove(lock);
            // what the build derives once its graphs are stored: the reference link sets and the ownership results
            Set<Node> derived = Set.of(Rekg.graph("linkset/reference-wikidata"), Rekg.graph("linkset/reference-geonames"),
                    Rekg.graph("linkset/reference-minmod"), Rekg.graph("inferred/ownership"));
            for (Node g : derived) {
                assertFalse(remote.getGraph(g).isEmpty(), "derived graph written: " + g);
            }
            remoteNames.removeAll(derived);
            assertEquals(Set.of(), remoteNames, "no other graph");
        });
    }
}

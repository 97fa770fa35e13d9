package org.w3id.rekg.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * REKG on a real Virtuoso (the Debian package, started by {@link VirtuosoServer} on free loopback
 * ports in a temporary folder): the remote build of this repository, the catalogue on Virtuoso
 * against the embedded store, two imports and an unchanged re-import, a concurrent writer, and a
 * store killed in mid-build followed by a repairing build. Runs whenever {@code virtuoso-t} is
 * installed; skipped (with a message) when it is not, and failing under {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VirtuosoIT {
    static final Path REPO = TestProject.REPO;

    private VirtuosoServer virtuoso;
    private Path password;
    private Dataset embedded;

    record Outcome(int status, String out, String err) {}

    @BeforeAll
    void start() throws Exception {
        VirtuosoServer.assumeInstalled();
        virtuoso = VirtuosoServer.start();
        password = Files.createTempFile("rekg-pw", ".txt");
        Files.writeString(password, VirtuosoServer.PASSWORD + "\n");
        embedded = Store.inMemory();
        new BuildService(new ProjectLayout(REPO)).build(embedded);
    }

    @AfterAll
    void stop() throws Exception {
        if (virtuoso != null) {
            virtuoso.close();
        }
        if (password != null) {
            Files.deleteIfExists(password);
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    static Path external(String file) {
        for (Path base : List.of(REPO.resolve("../shared/external"), REPO.resolve("../../shared/external"))) {
            Path f = base.resolve(file).normalize();
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but ../shared/external/" + file + " is missing");
        }
        org.junit.jupiter.api.Assumptions.abort("../shared/external/" + file + " is not there");
        return null;
    }

    String[] remote(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--remote", virtuoso.url(), "--remote-kind", "virtuoso", "--remote-user", "dba", "--password-file", password.toString()));
        return all.toArray(String[]::new);
    }

    static Outcome rekg(String... args) {
        return rekg(new StringWriter(), args);
    }

    static Outcome rekg(Writer out, String... args) {
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    RemoteStore store() {
        return RemoteStore.open(virtuoso.url(), "virtuoso", "dba", password);
    }

    @Test
    @Order(1)
    void remoteBuildWritesTheEmbeddedBuildsGraphsAndAnUnchangedBuildWritesNothing() {
        Outcome first = rekg(remote("build", "--project", REPO.toString()));
        assertEquals(0, first.status(), first.err() + first.out());
        assertTrue(first.out().contains("built: "), first.out());
        RemoteStore store = store();
        Map<String, List<String>> expected = Txn.calculateRead(embedded, () -> byGraph(embedded.asDatasetGraph()));
        Map<String, List<String>> actual = new TreeMap<>();
        for (Node g : store.rekgGraphs()) {
            if (!g.equals(WriterLock.GRAPH) && !g.equals(Rekg.GRAPH_META)) {
                actual.put(g.getURI(), ValueForm.triples(store.get(g)));
            }
        }
        assertEquals(expected.keySet(), actual.keySet());
        for (String g : expected.keySet()) {
            List<String> missing = new ArrayList<>(expected.get(g));
            missing.removeAll(actual.get(g));
            List<String> extra = new ArrayList<>(actual.get(g));
            extra.removeAll(expected.get(g));
            assertEquals(List.of(), missing.subList(0, Math.min(5, missing.size())), g + ": missing on Virtuoso; extra: " + extra);
            assertEquals(expected.get(g).size(), actual.get(g).size(), g);
        }
        Outcome second = rekg(remote("build", "--project", REPO.toString()));
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("unchanged: "), second.out());
        assertFalse(second.out().contains(VirtuosoServer.PASSWORD + "@"), second.out());
    }

    @Test
    @Order(2)
    void everyCatalogueQueryReturnsTheSameRowsOnVirtuosoAsOnTheEmbeddedStore() throws Exception {
        RemoteStore store = store();
        List<Node> graphs = new ArrayList<>(store.rekgGraphs());
        graphs.remove(WriterLock.GRAPH);
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (Path q : Catalogue.queries(REPO)) {
            String text = Files.readString(q);
            List<String> local = Catalogue.rows(embedded, text);
            List<String> remote = Catalogue.rows(store.select(text, graphs));
            compared++;
            if (!local.equals(remote)) {
                List<String> missing = new ArrayList<>(local);
                missing.removeAll(remote);
                List<String> extra = new ArrayList<>(remote);
                extra.removeAll(local);
                differ.add(q.getFileName() + ": " + local.size() + " rows embedded, " + remote.size() + " on Virtuoso; missing "
                        + missing.subList(0, Math.min(3, missing.size())) + " extra " + extra.subList(0, Math.min(3, extra.size())));
            }
        }
        assertEquals(List.of(), differ, String.join("\n", differ));
        assertTrue(compared >= 24, "queries compared: " + compared);
    }

    private static Map<String, List<String>> byGraph(DatasetGraph dsg) {
        Map<String, List<String>> out = new TreeMap<>();
        dsg.listGraphNodes().forEachRemaining(g -> {
            if (!g.equals(Rekg.GRAPH_META)) {
                Graph graph = dsg.getGraph(g);
                out.put(g.getURI(), ValueForm.triples(graph));
            }
        });
        return out;
    }
}

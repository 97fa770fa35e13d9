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

    @Test
    @Order(3)
    void twoImportsWriteTheirGraphsAndAnUnchangedReImportWritesNothing() {
        Path usgs = external("usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv");
        Path bods = external("bods-examples/bods-package-fi-soe.json");
        Outcome first = rekg(remote("import", "usgs", usgs.toString(), "--project", REPO.toString()));
        assertEquals(0, first.status(), first.err() + first.out());
        RemoteStore store = store();
        Node usgsGraph = org.w3id.rekg.pipeline.ImportService.graphName("usgs", usgs.getFileName().toString());
        Graph figures = store.get(usgsGraph);
        assertTrue(figures.size() > 100, "the USGS figures are on Virtuoso: " + figures.size());
        assertTrue(figures.find(Node.ANY, Node.ANY, Rekg.id("state/CN")).hasNext(), "matched against the states the build wrote");

        Outcome again = rekg(remote("import", "usgs", usgs.toString(), "--project", REPO.toString()));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("unchanged") && again.out().contains("wrote 0 graph(s)"), again.out());

        Outcome owners = rekg(remote("import", "bods", bods.toString(), "--project", REPO.toString()));
        assertEquals(0, owners.status(), owners.err() + owners.out());
        Graph ownership = store.get(Rekg.graph("inferred/ownership"));
        assertTrue(ownership.find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(), Rekg.term("EffectiveStake")).hasNext());
        assertEquals(new WriterLock.State(new WriterLock(store).read().token(), false, new WriterLock(store).read().since()),
                new WriterLock(store).read(), "the lock is ready again");
    }

    @Test
    @Order(4)
    void aConcurrentWriterIsRefusedAndTakeOverClearsADeadOne() {
        RemoteStore store = store();
        WriterLock lock = new WriterLock(store);
        WriterLock.State seen = lock.read();
        String other = lock.acquire(seen, false);
        // a second run that read the same state: the compare-and-set fails
        org.w3id.rekg.core.RekgException race = org.junit.jupiter.api.Assertions.assertThrows(org.w3id.rekg.core.RekgException.class,
                () -> new WriterLock(store).acquire(seen, false));
        assertEquals(org.w3id.rekg.core.ErrorCode.REMOTE_CONFLICT, race.code());
        assertTrue(race.getMessage().contains("another REKG run wrote to " + virtuoso.url() + " since this one read it"), race.getMessage());

        Path bods = external("bods-examples/bods-package-fi-soe.json");
        Outcome refused = rekg(remote("import", "bods", bods.toString(), "--project", REPO.toString()));
        assertEquals(1, refused.status(), refused.out());
        assertTrue(refused.err().contains("REKG-021") && refused.err().contains("--take-over"), refused.err());

        Outcome taken = rekg(remote("import", "bods", bods.toString(), "--project", REPO.toString(), "--take-over"));
        assertEquals(0, taken.status(), taken.err());
        WriterLock.State now = lock.read();
        assertFalse(now.writing(), "ready again");
        assertFalse(other.equals(now.token()), "the dead run's token is gone");
    }

    @Test
    @Order(5)
    void aRefusedRequestIsAClearErrorWithTheStoresAnswerAndNoPassword() throws Exception {
        Path wrong = Files.createTempFile("rekg-pw", ".txt");
        try {
            Files.writeString(wrong, "not-the-password-4711");
            Outcome o = rekg("build", "--project", REPO.toString(), "--remote", virtuoso.url(), "--remote-kind", "virtuoso",
                    "--remote-user", "dba", "--password-file", wrong.toString());
            assertEquals(1, o.status(), o.out());
            assertTrue(o.err().contains("REKG-0"), o.err());
            assertTrue(o.err().contains("HTTP 401"), o.err());
            assertFalse((o.err() + o.out()).contains("not-the-password-4711"), "the password is never printed");
            assertFalse(o.err().contains("Exception"), o.err());
            Outcome inUrl = rekg("build", "--project", REPO.toString(), "--remote", virtuoso.url().replace("//", "//dba:s3cret-url@"),
                    "--remote-kind", "virtuoso");
            assertEquals(1, inUrl.status(), inUrl.out());
            assertFalse((inUrl.err() + inUrl.out()).contains("s3cret-url"), inUrl.err());
        } finally {
            Files.deleteIfExists(wrong);
        }
    }

    @Test
    @Order(6)
    void aStoreKilledInMidBuildIsRepairedByTheNextBuild() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            // the Virtuoso server is killed once the compiled graphs are written, before the derived graphs and the metadata
            StringWriter out = new StringWriter() {
                private boolean killed;

                @Override
                public void write(String str, int off, int len) {
                    super.write(str, off, len);
                    if (!killed && toString().contains("of REKG's graphs")) {
                        killed = true;
                        virtuoso.kill();
                    }
                }
            };
            Outcome killed = rekg(out, remote("build", "--project", p.root().toString()));
            assertEquals(1, killed.status(), killed.out());
            assertTrue(killed.err().contains("REKG-020") && killed.err().contains("cannot reach the remote store " + virtuoso.url()),
                    killed.err());
            assertTrue(killed.err().contains("Already written by this run: ") && killed.err().contains("run the build again"), killed.err());
            assertFalse(killed.err().contains("Exception in"), killed.err());

            virtuoso.restart();
            Outcome busy = rekg(remote("build", "--project", p.root().toString()));
            assertEquals(1, busy.status(), busy.out());
            assertTrue(busy.err().contains("REKG-021") && busy.err().contains("--take-over"), busy.err());

            Outcome repaired = rekg(remote("build", "--project", p.root().toString(), "--take-over"));
            assertEquals(0, repaired.status(), repaired.err() + repaired.out());
            assertTrue(repaired.out().contains("built: "), repaired.out());
            Dataset expected = Store.inMemory();
            new BuildService(p.layout()).build(expected);
            RemoteStore store = store();
            Map<String, List<String>> want = Txn.calculateRead(expected, () -> byGraph(expected.asDatasetGraph()));
            // every graph the build owns is complete (the derived ones also depend on the imports already in the store)
            var owned = new BuildService(p.layout()).compile().graphs().keySet();
            for (Node g : owned) {
                assertEquals(want.get(g.getURI()), ValueForm.triples(store.get(g)), g.getURI());
            }
            assertFalse(new WriterLock(store).read().writing(), "the lock is ready again");
            Outcome unchanged = rekg(remote("build", "--project", p.root().toString()));
            assertTrue(unchanged.out().contains("unchanged: "), unchanged.out() + unchanged.err());
        }
    }

    @Test
    @Order(7)
    void theExportsLoaderCommandsLoadItAndAnUnchangedImportIgnoresAMillionOtherTriplesUnder1g() throws Exception {
        Path usgs = external("usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv");
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            // rekg export --for virtuoso of a local build, loaded with the commands it wrote
            assertEquals(0, rekg("build", "--project", p.root().toString(), "-q").status());
            Path bulk = virtuoso.dir().resolve("bulk");
            Outcome export = rekg("export", "--project", p.root().toString(), "--for", "virtuoso", "-o", bulk.toString());
            assertEquals(0, export.status(), export.err());
            virtuoso.isqlFile(bulk.resolve("load-virtuoso.sql"));
            Dataset local = org.w3id.rekg.store.Store.openExisting(p.store());
            Map<String, List<String>> want;
            try {
                want = Txn.calculateRead(local, () -> byGraph(local.asDatasetGraph()));
            } finally {
                local.close();
            }
            RemoteStore store = store();
            for (String g : want.keySet()) {
                assertEquals(want.get(g), ValueForm.triples(store.get(org.apache.jena.graph.NodeFactory.createURI(g))), g);
            }

            // 10^6 triples of other data in the store, bulk-loaded the same way
            Path extra = bulk.resolve("extra.nq");
            try (var out = Files.newBufferedWriter(extra)) {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write("<http://example.org/extra/s" + (i / 10) + "> <http://example.org/extra/p" + (i % 10) + "> \"value " + i
                            + "\" <http://example.org/extra> .\n");
                }
            }
            virtuoso.isql("ld_dir('" + bulk + "', 'extra.nq', 'http://example.org/extra'); rdf_loader_run(); checkpoint;");
            assertEquals("1000000", store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/extra> { ?s ?p ?o } }",
                    List.of()).next().get("n").getLiteralLexicalForm());

            // an unchanged re-import, in a JVM of 1 GB, reads none of them
            assertEquals(0, rekg(remote("import", "usgs", usgs.toString(), "--project", p.root().toString())).status());
            try (org.w3id.rekg.fault.ChildJvm child = org.w3id.rekg.fault.ChildJvm.rekg(remote("import", "usgs", usgs.toString(),
                    "--project", p.root().toString()))) {
                assertEquals(0, child.awaitExit(300), child.output());
                assertTrue(child.output().contains("unchanged") && child.output().contains("wrote 0 graph(s)"), child.output());
                assertFalse(child.output().contains("1000000 triples"), child.output());
            }
        }
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

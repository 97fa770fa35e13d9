package org.w3id.rekg.bench;

import org.w3id.rekg.pipeline.Imports;

import org.w3id.rekg.importer.minmod.MinmodImporter;
import org.w3id.rekg.importer.usgs.UsgsImporter;
import org.w3id.rekg.link.LinkQuality;
import org.w3id.rekg.link.ReferenceLinker;
import org.w3id.rekg.link.WikidataLinker;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.pipeline.ImportService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * Measures the link part of REKG: the time to import each real dataset and to make the
 * reference link sets (median of N runs, in a store built in memory from the project), and the
 * Wikidata linker against a local Fuseki serving {@code src/test/resources/link/wikidata-fixture.ttl}:
 * its time and its precision and recall against {@code wikidata-gold.tsv}.
 */
public final class LinkBench {
    private final ProjectLayout layout;
    private final Path external;
    private final int iterations;
    private final PrintWriter out;
    private final Consumer<String> progress;

    public LinkBench(ProjectLayout layout, Path external, int iterations, PrintWriter out, Consumer<String> progress) {
        this.layout = layout;
        this.external = external;
        this.iterations = iterations;
        this.out = out;
        this.progress = progress;
    }

    /** One dataset to import. */
    private record Input(String name, Path file, boolean usgs) {}

    public void run() {
        Path fixture = layout.root().resolve("src/test/resources/link/wikidata-fixture.ttl");
        Path gold = layout.root().resolve("src/test/resources/link/wikidata-gold.tsv");
        List<Input> inputs = List.of(
                new Input("USGS MCS 2024 rare earths, world", external.resolve("usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv"), true),
                new Input("MinMod commodities", external.resolve("minmod-entities/commodity.csv"), false),
                new Input("MinMod deposit types", external.resolve("minmod-entities/deposit_type.csv"), false),
                new Input("MinMod mineral site (Montviel)", external.resolve(
                        "minmod-entities/mineral-sites/02a0c7412e655ff0a9a4eb63cd1388ecb4aee96931f8bc4f98819e65cc83173755.json"), false));
        for (Input in : inputs) {
            if (!Files.isRegularFile(in.file())) {
                throw new RekgException(ErrorCode.USAGE, "missing " + in.file() + " (give the folder of the external datasets with --external)");
            }
        }
        if (!Files.isRegularFile(fixture) || !Files.isRegularFile(gold)) {
            throw new RekgException(ErrorCode.USAGE, "missing " + fixture + " or " + gold + " (run from a checkout of the project)");
        }
        progress.accept("building the graph in memory");
        Dataset ds = Store.inMemory();
        try {
            new BuildService(layout).build(ds);
            out.printf("%-40s %10s %12s %10s%n", "step (median of " + iterations + ")", "ms", "triples", "links");
            for (Input in : inputs) {
                progress.accept("importing " + in.file().getFileName());
                long[] times = new long[iterations];
                long triples = 0;
                for (int i = 0; i < iterations; i++) {
                    var name = ImportService.graphName(in.usgs() ? UsgsImporter.KIND : MinmodImporter.KIND, in.file().getFileName().toString());
                    Txn.executeWrite(ds, () -> ds.asDatasetGraph().removeGraph(name));
                    long t0 = System.nanoTime();
                    ImportService.Result r = in.usgs() ? Imports.usgs(ds, in.file())
                            : Imports.minmod(new MinmodImporter(ds, layout.reference()), in.file());
                    times[i] = System.nanoTime() - t0;
                    triples = r.triples();
                }
                out.printf("%-40s %10.1f %12d %10s%n", "import " + in.name(), median(times), triples, "");
            }
            long[] times = new long[iterations];
            int links = 0;
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                links = new ReferenceLinker(ds, layout.reference()).run(Instant.now()).links();
                times[i] = System.nanoTime() - t0;
            }
            out.printf("%-40s %10.1f %12s %10d%n", "link --target reference", median(times), "", links);
            linker(ds, fixture, gold);
        } finally {
            ds.close();
        }
        out.flush();
    }

    private void linker(Dataset ds, Path fixture, Path gold) {
        DatasetGraph wd = DatasetGraphFactory.createTxnMem();
        Graph g = RDFParser.source(fixture).toGraph();
        Txn.executeWrite(wd, () -> GraphUtil.addInto(wd.getDefaultGraph(), g));
        FusekiServer server = FusekiServer.create().port(0).loopback(true).verbose(false).add("/wd", wd).build().start();
        try {
            String endpoint = "http://localhost:" + server.getHttpPort() + "/wd/sparql";
            Path cp = Files.createTempFile("rekg-bench-link", ".json");
            long[] times = new long[iterations];
            WikidataLinker.Result r = null;
            for (int i = 0; i < iterations; i++) {
                progress.accept("rekg link --target wikidata against the fixture, run " + (i + 1));
                long t0 = System.nanoTime();
                r = new WikidataLinker(ds, new WikidataLinker.Options(endpoint, Duration.ofSeconds(30), cp, false, 50, Clock.systemUTC())).run();
                times[i] = System.nanoTime() - t0;
            }
            Files.deleteIfExists(cp);
            LinkQuality q = LinkQuality.of(r.links(), gold);
            out.printf("%-40s %10.1f %12s %10d%n", "link --target wikidata (fixture)", median(times), "", r.links().size());
            out.printf("%nlinker on the fixture: precision %.3f (%d of %d links right), recall %.3f (%d of %d expected links found); "
                    + "%d ambiguous left unlinked%n", q.precision(), q.truePositives(), q.truePositives() + q.falsePositives(),
                    q.recall(), q.truePositives(), q.truePositives() + q.falseNegatives(), r.ambiguous().size());
        } catch (java.io.IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot write a temporary checkpoint: " + e.getMessage(), e);
        } finally {
            server.stop();
        }
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return m / 1_000_000.0;
    }
}

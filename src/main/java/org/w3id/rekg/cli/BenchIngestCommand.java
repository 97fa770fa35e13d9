package org.w3id.rekg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.ingest.Gazetteer;
import org.w3id.rekg.bench.IngestBench;
import org.w3id.rekg.ingest.IngestService;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekg bench ingest}: mention and claim quality on the annotated test set, and mention-detection throughput. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Measure 'rekg ingest': precision, recall and F1 of mentions and of candidate claims on",
                "the annotated test set, and mention detection in MB/s on one thread beside a naive",
                "one-regex-per-name baseline, in the same run. The graph is built in memory from the",
                "project's sources (the store is not used)."},
        footer = {"", "Examples:", "  rekg bench ingest", "  rekg bench ingest --errors --size 20"})
public final class BenchIngestCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--testset", paramLabel = "DIR", description = "Annotated documents (default: PROJECT/src/test/resources/ingest).")
    Path testset;

    @Option(names = "--size", paramLabel = "MB", defaultValue = "10", description = "Text to time the linker on (default: ${DEFAULT-VALUE} MB).")
    double size;

    @Option(names = "--naive-size", paramLabel = "MB", defaultValue = "0.2", description = "Text to time the naive baseline on (default: ${DEFAULT-VALUE} MB).")
    double naiveSize;

    @Option(names = "--errors", description = "Also list the wrong and missed mentions and claims.")
    boolean errors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path dir = testset != null ? testset : project.layout().root().resolve("src/test/resources/ingest");
        List<IngestBench.GoldDoc> docs = IngestBench.load(dir);
        Path real = project.layout().root().resolve("src/test/resources/ingest-real");
        List<IngestBench.GoldDoc> dev = testset == null && Files.isDirectory(real.resolve("dev")) ? IngestBench.load(real.resolve("dev")) : List.of();
        List<IngestBench.GoldDoc> held = testset == null && Files.isDirectory(real.resolve("test")) ? IngestBench.load(real.resolve("test")) : List.of();
        err.println("  building the graph in memory...");
        err.flush();
        Dataset ds = Store.inMemory();
        new BuildService(project.layout()).build(ds);
        IngestService service = new IngestService(ds, Gazetteer.load(ds), IngestService.Options.defaults());
        IngestBench bench = new IngestBench(service);
        report(out, bench, "Invented set (regression only): " + dir, docs, false);
        if (!dev.isEmpty()) {
            report(out, bench, "Real documents, development set: " + real.resolve("dev"), dev, true);
        }
        if (!held.isEmpty()) {
            report(out, bench, "Real documents, held-out set (never used for tuning): " + real.resolve("test"), held, true);
        }
        Path seed = project.layout().root().resolve("../shared/seeds/000_648d6afc6e0a8cf6.txt");
        if (testset == null && Files.isRegularFile(seed)) {
            IngestBench.Coverage c = bench.seedCoverage(ds, Files.readString(seed), "fr", "lepesant-2025");
            out.printf(Locale.ROOT, "Lepesant seed re-ingested: %d of its %d curated records proposed (%.1f %%); %d candidates%n",
                    c.proposed(), c.records(), 100.0 * c.proposed() / c.records(), c.candidates());
        }
        String corpus = docs.stream().map(IngestBench.GoldDoc::text).collect(Collectors.joining("\n\n"));
        Path seeds = project.layout().root().resolve("../shared/seeds");
        if (Files.isDirectory(seeds)) {
            try (var s = Files.list(seeds)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                    corpus += "\n\n" + Files.readString(p);
                }
            }
        }
        err.println("  timing mention detection...");
        err.flush();
        IngestBench.Throughput t = bench.throughput(corpus, size, naiveSize);
        out.printf(Locale.ROOT, "Mention detection, one thread (%d names):%n", t.names());
        out.printf(Locale.ROOT, "  token trie (rekg ingest)          %8.2f MB/s   over %.1f MB%n", t.trieMbPerSecond(), t.megabytes());
        out.printf(Locale.ROOT, "  naive, one regex per name (%4d)  %8.3f MB/s   over %.2f MB%n", t.naiveRegexes(), t.naiveMbPerSecond(), t.naiveMegabytes());
        out.printf(Locale.ROOT, "  speed-up                          %8.0fx%n", t.trieMbPerSecond() / t.naiveMbPerSecond());
        out.flush();
        ds.close();
        return 0;
    }

    private void report(java.io.PrintWriter out, IngestBench bench, String title, List<IngestBench.GoldDoc> docs, boolean perDoc) {
        IngestBench.Quality q = bench.quality(docs);
        out.printf(Locale.ROOT, "%s%n  %d documents, %d gold mentions, %d gold claims%n", title, q.documents(),
                q.mentions().tp() + q.mentions().fn(), q.claims().tp() + q.claims().fn());
        if (perDoc) {
            out.printf(Locale.ROOT, "  %-40s %21s   %21s%n", "", "mentions  P     R     F1", "claims  P     R   (tp/gold)");
            List<IngestBench.Quality> each = bench.perDocument(docs);
            for (int i = 0; i < docs.size(); i++) {
                IngestBench.Score m = each.get(i).mentions();
                IngestBench.Score c = each.get(i).claims();
                out.printf(Locale.ROOT, "  %-40s %11.2f %5.2f %5.2f   %13.2f %5.2f (%d/%d)%n", docs.get(i).name(),
                        m.precision(), m.recall(), m.f1(), c.precision(), c.recall(), c.tp(), c.tp() + c.fn());
            }
        }
        out.printf(Locale.ROOT, "  %-10s %9s %7s %6s %5s %5s %5s%n", "", "precision", "recall", "F1", "tp", "fp", "fn");
        row(out, "mentions", q.mentions());
        row(out, "claims", q.claims());
        if (errors) {
            for (var s : List.of(q.mentions(), q.claims())) {
                s.falsePositives().forEach(x -> out.println("    wrong:  " + x));
                s.falseNegatives().forEach(x -> out.println("    missed: " + x));
            }
        }
    }

    private static void row(java.io.PrintWriter out, String what, IngestBench.Score s) {
        out.printf(Locale.ROOT, "  %-10s %9.3f %7.3f %6.3f %5d %5d %5d%n", what, s.precision(), s.recall(), s.f1(), s.tp(), s.fp(), s.fn());
    }
}

package org.w3id.rekg.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.ingest.Gazetteer;
import org.w3id.rekg.ingest.IngestService;
import org.w3id.rekg.ingest.IngestService.FileResult;
import org.w3id.rekg.ingest.IngestService.Status;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg ingest FILE|DIR ...}: documents → NIF mentions linked to the graph, and candidate claims. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read documents (.txt, .md, .html, .pdf; folders are searched) and store, for each, a NIF",
                "graph of its sentences and of the mentions of the graph's entities (graph/doc/<name>),",
                "and the claims it seems to make in the review graph (list them with 'rekg review').",
                "The same file again changes nothing; a changed file replaces its graph. A file that",
                "cannot be read is reported and skipped; the others are still ingested. See docs/ingest.md."},
        footer = {"", "Examples:", "  rekg ingest report.pdf notes/", "  rekg ingest --lang fr article.html",
                "  rekg ingest --encoding ISO-8859-1 old-note.txt"})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Documents, or folders to search for them.")
    List<Path> files;

    @Option(names = "--lang", paramLabel = "fr|en", description = "The documents' language (default: detected per document).")
    String lang;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "Encoding of .txt and .md files (default: ${DEFAULT-VALUE}; HTML declares its own).")
    String encoding;

    @Option(names = "--max-size", paramLabel = "MB", defaultValue = "20",
            description = "Refuse files larger than this many megabytes, without reading them (default: ${DEFAULT-VALUE}).")
    double maxSizeMb;

    @Option(names = {"-q", "--quiet"}, description = "Print only failures.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (lang != null && !List.of("fr", "en").contains(lang.toLowerCase(Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(), "--lang must be fr or en, got '" + lang + "'");
        }
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "unknown encoding '" + encoding + "'");
        }
        if (maxSizeMb <= 0) {
            throw new ParameterException(spec.commandLine(), "--max-size must be positive");
        }
        List<Path> all = IngestService.expand(files);
        Dataset ds = Store.openExisting(project.storeDir());
        try {
            Gazetteer gazetteer = Gazetteer.load(ds);
            IngestService service = new IngestService(ds, gazetteer, new IngestService.Options(
                    (long) (maxSizeMb * 1024 * 1024), charset, lang == null ? null : lang.toLowerCase(Locale.ROOT)));
            List<FileResult> results;
            if (all.size() > 1 && !quiet) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(all.size())
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" files", 1).build()) {
                    results = service.ingest(all, r -> bar.step());
                }
            } else {
                results = service.ingest(all, r -> { });
            }
            int failed = 0;
            for (FileResult r : results) {
                if (r.status() == Status.FAILED) {
                    failed++;
                    err.println("failed     " + r.message());
                } else if (!quiet) {
                    out.printf("%-10s %-30s %s%s, %d mentions, %d candidates%n", r.status().name().toLowerCase(Locale.ROOT),
                            r.docId(), r.file(), r.lang() == null ? "" : " (" + r.lang() + ")", r.mentions(), r.candidates());
                }
            }
            if (!quiet) {
                out.printf("%d file(s): %d ingested or unchanged, %d failed%n", results.size(), results.size() - failed, failed);
            }
            if (failed > 0) {
                err.println("  see docs/errors.md#unreadable-document");
            }
            return failed > 0 ? 1 : 0;
        } finally {
            ds.close();
        }
    }
}

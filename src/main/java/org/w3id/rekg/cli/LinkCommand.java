package org.w3id.rekg.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.link.ReferenceLinker;
import org.w3id.rekg.link.WikidataLinker;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rekg link}: link sets from the reference data, or from a Wikidata-shaped SPARQL endpoint. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Write link sets from REKG's entities to other datasets (see docs/linking.md):",
                "  --target reference   states to Wikidata and GeoNames, elements to MinMod, from the",
                "                       identifiers in sources/reference/ and the links made by hand",
                "  --target wikidata    states, elements and firms to the items of a SPARQL endpoint",
                "                       shaped like Wikidata (--endpoint), matched by identifier or label",
                "Each link set is a named graph graph/linkset/NAME with a VoID description, and each",
                "link records how it was made, its score and when. Links made by hand are never replaced.",
                "A failed run writes nothing to the store; a wikidata run saves its progress after each",
                "batch and goes on from there with --resume."},
        footer = {"", "Examples:", "  rekg link --target reference",
                "  rekg link --target wikidata --endpoint https://query.wikidata.org/sparql",
                "  rekg link --target wikidata --endpoint http://localhost:3031/wd/sparql --resume"})
public final class LinkCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--target", required = true, paramLabel = "TARGET", description = "reference or wikidata.")
    String target;

    @Option(names = "--endpoint", paramLabel = "URL", description = "SPARQL endpoint shaped like Wikidata (--target wikidata).")
    String endpoint;

    @Option(names = "--resume", description = "Go on from the checkpoint of a run that stopped.")
    boolean resume;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Give up on a request after this long (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Option(names = "--batch-size", defaultValue = "50", paramLabel = "N", description = "Entities per request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint file (default: STORE-link-wikidata.json beside the store).")
    Path checkpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        switch (target.toLowerCase(Locale.ROOT)) {
            case "reference" -> {
                Dataset ds = Store.openExisting(project.storeDir());
                try {
                    ReferenceLinker.Result r = new ReferenceLinker(ds, project.layout().reference()).run(Instant.now());
                    r.sets().forEach(s -> out.printf("  %-45s %5d links%n", s.graphName().getURI(), s.links().size()));
                    out.printf("wrote %d links in %d link sets%n", r.links(), r.sets().size());
                } finally {
                    ds.close();
                }
            }
            case "wikidata" -> {
                if (endpoint == null) {
                    throw new ParameterException(spec.commandLine(), "--target wikidata needs --endpoint URL");
                }
                Path store = project.storeDir().toAbsolutePath();
                Path cp = checkpoint != null ? checkpoint : store.resolveSibling(store.getFileName() + "-link-wikidata.json");
                Dataset ds = Store.openExisting(store);
                try {
                    WikidataLinker.Result r = new WikidataLinker(ds, new WikidataLinker.Options(endpoint,
                            Duration.ofSeconds(timeoutSeconds), cp, resume, batchSize, Clock.systemUTC()))
                            .afterBatch(n -> out.printf("  batch %d done%n", n)).run();
                    r.warnings().forEach(w -> out.println("  warning: " + w));
                    r.ambiguous().forEach(a -> out.println("  ambiguous, not linked: " + a));
                    out.printf("wrote %d links to graph/linkset/wikidata (%d batches, %d from the checkpoint; %d entities kept their link made by hand)%n",
                            r.links().size(), r.batches(), r.batchesFromCheckpoint(), r.keptByHand());
                } finally {
                    ds.close();
                }
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown --target '" + target + "': expected reference or wikidata");
        }
        return 0;
    }
}

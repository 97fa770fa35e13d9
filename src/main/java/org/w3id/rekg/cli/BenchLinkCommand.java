package org.w3id.rekg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.rekg.bench.LinkBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rekg bench link}: import times of the external datasets, and the linker's precision and recall. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Measure the link part of REKG, in a graph built in memory from the project:",
                "the time to import each external dataset (USGS, MinMod) and to make the reference",
                "link sets, and 'rekg link --target wikidata' against a local Fuseki serving",
                "src/test/resources/link/wikidata-fixture.ttl, with its precision and recall",
                "against wikidata-gold.tsv. Tables go to standard output, progress to standard error."},
        footer = {"", "Examples:", "  rekg bench link", "  rekg bench link --iterations 10 --external ../shared/external"})
public final class BenchLinkCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N", description = "Measured runs of each step (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--external", paramLabel = "DIR", description = "Folder of the external datasets (default: PROJECT/../shared/external).")
    Path external;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1, got " + iterations);
        }
        Path ext = external != null ? external : project.layout().root().resolve("../shared/external").normalize();
        var err = spec.commandLine().getErr();
        new LinkBench(project.layout(), ext, iterations, spec.commandLine().getOut(), msg -> {
            err.println("  " + msg);
            err.flush();
        }).run();
        return 0;
    }
}

package org.w3id.rekg.cli;

import org.w3id.rekg.pipeline.Imports;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.rekg.importer.gleif.GleifImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg import gleif FILE}: LEI records and accounting-consolidation parents from GLEIF. */
@Command(name = "gleif", mixinStandardHelpOptions = true,
        description = {"Import GLEIF data: API JSON responses (LEI records, direct and ultimate parent",
                "relationships, reporting exceptions) or the golden-copy relationship CSV. Consolidation",
                "parents become control stakes; ultimate parents are kept and checked against the chain."},
        footer = {"", "Examples:",
                "  rekg import gleif ../shared/external/gleif-api-json/relationships/direct-parent-relationship_5493001KJTIIGC8Y1R12.json",
                "  rekg import gleif rr-golden-copy.csv"})
public final class ImportGleifCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Mixin
    ImportTarget target;

    @Parameters(index = "0", paramLabel = "FILE", description = "A GLEIF API JSON response or a golden-copy relationship CSV.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        target.run(project, false, out::println, ds -> Imports.gleif(ds, file)).print(out);
        return 0;
    }
}

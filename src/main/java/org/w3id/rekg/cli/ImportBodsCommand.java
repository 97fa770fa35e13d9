package org.w3id.rekg.cli;

import org.w3id.rekg.pipeline.Imports;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.rekg.importer.bods.BodsImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg import bods FILE}: beneficial-ownership statements (BODS 0.4 JSON). */
@Command(name = "bods", mixinStandardHelpOptions = true,
        description = {"Import a Beneficial Ownership Data Standard 0.4 file (a JSON array of statements):",
                "entities, persons and their interests as stakes, with exact shares or ranges; declared",
                "indirect interests are kept and checked against the chain. Ownership is then recomputed."},
        footer = {"", "Example:", "  rekg import bods ../shared/external/bods-examples/bods-package-fi-soe.json"})
public final class ImportBodsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Mixin
    ImportTarget target;

    @Parameters(index = "0", paramLabel = "FILE", description = "The BODS JSON file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        target.run(project, false, out::println, ds -> Imports.bods(ds, file)).print(out);
        return 0;
    }
}

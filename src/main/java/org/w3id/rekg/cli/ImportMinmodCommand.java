package org.w3id.rekg.cli;

import org.w3id.rekg.pipeline.Imports;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.rekg.importer.minmod.MinmodImporter;
import org.w3id.rekg.pipeline.ImportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg import minmod FILE...}: MinMod commodities, deposit types and mineral sites. */
@Command(name = "minmod", mixinStandardHelpOptions = true,
        description = {"Import MinMod files, each into graph/import/minmod/FILE: commodity.csv (commodities),",
                "deposit_type.csv (deposit types), or mineral-site JSON (sites with WKT location, state,",
                "commodities, grade and tonnage, linked to REKG's elements and sites where they match)."},
        footer = {"", "Example:", "  rekg import minmod ../shared/external/minmod-entities/commodity.csv \\",
                "      ../shared/external/minmod-entities/mineral-sites/*.json"})
public final class ImportMinmodCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Mixin
    ImportTarget target;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        target.run(project, true, out::println, ds -> {
            MinmodImporter importer = new MinmodImporter(ds, project.layout().reference());
            for (Path f : files) {
                ImportService.Result r = Imports.minmod(importer, f);
                out.printf("%s %s: %d triples%n", r.changed() ? "imported into" : "unchanged:", r.graph().getURI(), r.triples());
            }
            return null;
        });
        return 0;
    }
}

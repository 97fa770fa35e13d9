package org.w3id.rekg.cli;

import org.w3id.rekg.pipeline.Imports;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.rekg.importer.usgs.UsgsImporter;
import org.w3id.rekg.pipeline.ImportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg import usgs FILE}: a USGS Mineral Commodity Summaries world table. */
@Command(name = "usgs", mixinStandardHelpOptions = true,
        description = {"Import the world mine production and reserves table of a USGS Mineral Commodity",
                "Summaries data release (e.g. mcs2024-raree_world.csv) into graph/import/usgs/FILE:",
                "one FigureObservation per state, year and figure, in tonnes of rare-earth oxide."},
        footer = {"", "Example:", "  rekg import usgs ../shared/external/usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv"})
public final class ImportUsgsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Mixin
    ImportTarget target;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        ImportService.Result r = target.run(project, true, out::println, ds -> Imports.usgs(ds, file));
        out.printf("%s %s: %d triples%n", r.changed() ? "imported into" : "unchanged:", r.graph().getURI(), r.triples());
        return 0;
    }
}

package org.w3id.rekg.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.w3id.rekg.ownership.Finding;
import org.w3id.rekg.ownership.ReasonService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekg reason}: recompute effective shares, control and state exposure in the store. */
@Command(name = "reason", mixinStandardHelpOptions = true,
        description = {"Recompute ownership and control from every graph of the store (curated and imported):",
                "effective shares through every chain, controllers and ultimate controllers, and the",
                "exposure of each site to each state, into graph/inferred/ownership, in one transaction.",
                "Build and import do this already; use it for another date with --as-of."},
        footer = {"", "Examples:", "  rekg reason", "  rekg reason --as-of 2024-12-31"})
public final class ReasonCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Use only the stakes valid on DATE (YYYY-MM-DD; default: today).")
    LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return project.withStore(ds -> {
            ReasonService.Result r = new ReasonService(asOf).refresh(ds);
            out.printf("%d stakes read: %d effective stakes, %d control relations, %d state exposures (%d ms)%n",
                    r.stakes(), r.effectiveStakes(), r.controlRelations(), r.exposures(), r.millis());
            for (Finding f : r.findings()) {
                out.println("  " + f);
            }
            return 0;
        });
    }
}

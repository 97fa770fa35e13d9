package org.w3id.rekg.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.w3id.rekg.ownership.ReasonService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg explain HOLDER TARGET}: every chain of stakes from one to the other, and the total. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show how much of TARGET HOLDER holds, chain by chain: each path with the share of",
                "every step and the stake it comes from, the effective share in total, and who controls",
                "TARGET. HOLDER and TARGET are IRIs, ids (state/US, mp-materials) or labels."},
        footer = {"", "Examples:", "  rekg explain state/US mountain-pass",
                "  rekg explain \"Republic of Finland\" \"Gasgrid Finland Oy\" --as-of 2022-01-01"})
public final class ExplainCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", paramLabel = "HOLDER", description = "The holder: IRI, id or label.")
    String holder;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The target: IRI, id or label.")
    String target;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Use only the stakes valid on DATE (YYYY-MM-DD; default: today).")
    LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return project.withStore(ds -> {
            var out = spec.commandLine().getOut();
            out.print(new ReasonService(asOf).explain(ds, holder, target));
            out.flush();
            return 0;
        });
    }
}

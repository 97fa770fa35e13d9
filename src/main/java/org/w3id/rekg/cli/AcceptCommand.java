package org.w3id.rekg.cli;

import org.w3id.rekg.pipeline.BuildService;

import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.rekg.ingest.ReviewService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekg accept ID}: a candidate claim becomes a curated record in sources/accepted/. */
@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Turn candidate claims (ids from 'rekg review') into curated records of",
                "sources/accepted/<document>.yaml, with the evidence's character offsets as locator.",
                "The sources are checked before the file is kept; the next 'rekg build' loads the record."},
        footer = {"", "Examples:", "  rekg accept report-3", "  rekg accept report-3 report-5 && rekg build"})
public final class AcceptCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Candidate ids.")
    List<String> ids;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return project.withStore(ds -> {
            ReviewService review = new ReviewService(ds, project.layout(), () -> new BuildService(project.layout()).compile());
            for (String id : ids) {
                ReviewService.Accepted a = review.accept(id);
                out.printf("accepted %s as record '%s' in %s%n", id, a.recordId(), project.layout().display(a.file()));
                if (!a.missingMetadata().isEmpty()) {
                    out.printf("  the document did not say its %s: add them to the 'source:' header of %s%n",
                            String.join(", ", a.missingMetadata()), project.layout().display(a.file()));
                }
                if (a.mergedInto() != null) {
                    out.printf(a.disagrees()
                            ? "  the graph already has this fact as '%s' with another value: both values are kept, see query 05-disagreements%n"
                            : "  the graph already has this fact as '%s': the document is added as another source of it%n", a.mergedInto());
                }
            }
            out.println("run 'rekg build' to load the new record(s)");
            return 0;
        });
    }
}

package org.w3id.rekg.cli;

import org.w3id.rekg.pipeline.BuildService;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.w3id.rekg.ingest.ReviewService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekg review}: the candidate claims of ingested documents. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"List the candidate claims found in ingested documents (the review graph), with the",
                "sentence that supports each. Accept one with 'rekg accept ID'."},
        footer = {"", "Examples:", "  rekg review", "  rekg review --all      also the accepted ones"})
public final class ReviewCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--all", description = "Also list the candidates already accepted.")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return project.withStore(ds -> {
            List<ReviewService.Item> items = new ReviewService(ds, project.layout(), () -> new BuildService(project.layout()).compile()).list(!all);
            for (ReviewService.Item c : items) {
                out.printf("%-24s %-18s %.2f  %s%s%n", c.id(), c.pattern(), c.confidence(),
                        c.cls() != null ? c.cls() : "about " + c.subject(), c.status().equals("pending") ? "" : "  [" + c.status() + "]");
                for (Map.Entry<String, List<String>> e : c.values().entrySet()) {
                    out.printf("%28s %s: %s%n", "", e.getKey(), String.join(", ", e.getValue()));
                }
                String ev = c.evidence().replaceAll("\\s+", " ");
                out.printf("%28s sentence %d, chars %d-%d: \"%s\"%n", "", c.sentence(), c.begin(), c.end(),
                        ev.length() > 160 ? ev.substring(0, 157) + "..." : ev);
            }
            out.printf("%d candidate(s)%s%n", items.size(), all ? "" : " pending");
            return 0;
        });
    }
}

package org.w3id.rekg.cli;

import java.time.Duration;
import org.w3id.rekg.bench.HostileLoadBench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.jena.atlas.json.JsonObject;
import org.w3id.rekg.bench.BenchService;
import org.w3id.rekg.bench.BenchService.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rekg bench}: build time, server cold start and query latency, each beside its obvious alternative. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure REKG; print each figure beside its obvious alternative, same run:",
                "  build    full build into a fresh TDB2 store vs loading the same RDF",
                "           unchecked; and 'rekg build --in-memory' as a new JVM",
                "  serve    new JVM 'rekg serve --no-build' to its first SPARQL answer",
                "           vs a bare Fuseki on the same store",
                "  queries  each queries/*.rq over HTTP vs in process vs ASK {} over",
                "           HTTP vs a bare Fuseki",
                "  all      all three (default)",
                "  load     --clients concurrent clients run queries/*.rq for --seconds,",
                "           then again beside pathological queries (not part of 'all')",
                "Tables go to standard output, progress to standard error. Stores are",
                "built in a temporary folder (--store is not used). serve and the",
                "new-JVM build need the runnable jar (--jar)."},
        footer = {"", "Examples:", "  rekg bench", "  rekg bench queries --iterations 50",
                "  rekg bench all --iterations 20 --json bench.json",
                "  rekg bench serve --jar target/rekg.jar",
                "  rekg bench load --clients 8 --seconds 60"})
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "WHAT",
            description = "build, serve, queries, all, load or hostile (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Measured runs of each figure (default: ${DEFAULT-VALUE}; the new-JVM build runs at most 5 times).")
    int iterations;

    @Option(names = "--jar", paramLabel = "FILE", description = "Runnable jar for the new JVMs (default: PROJECT/target/rekg.jar).")
    Path jar;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8", description = "load: concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "load: seconds of each phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "load: the server's query timeout, which stops the pathological queries (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (what.equalsIgnoreCase("hostile")) {
            var f = new HostileLoadBench(clients, Duration.ofSeconds(seconds), Duration.ofSeconds(timeoutSeconds),
                    spec.commandLine().getOut()).run(project.layout());
            return f.met() ? 0 : 1;
        }
        if (what.equalsIgnoreCase("load")) {
            var err = spec.commandLine().getErr();
            var figures = new org.w3id.rekg.bench.LoadBench(clients, java.time.Duration.ofSeconds(seconds),
                    java.time.Duration.ofSeconds(timeoutSeconds), spec.commandLine().getOut(), msg -> {
                        err.println("  " + msg);
                        err.flush();
                    }).run(project.layout());
            if (json != null) {
                BenchService.writeJson(figures.toJson(), json);
            }
            return figures.errors() == 0 ? 0 : 1;
        }
        EnumSet<Section> sections = switch (what.toLowerCase(Locale.ROOT)) {
            case "build" -> EnumSet.of(Section.BUILD);
            case "serve" -> EnumSet.of(Section.SERVE);
            case "queries" -> EnumSet.of(Section.QUERIES);
            case "all" -> EnumSet.allOf(Section.class);
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown part '" + what + "': expected build, serve, queries, all, load or hostile");
        };
        if (iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1, got " + iterations);
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path jarFile = jar != null ? jar : project.layout().root().resolve("target/rekg.jar");
        JsonObject figures = new BenchService(project.layout(), jarFile, iterations, out, msg -> {
            err.println("  " + msg);
            err.flush();
        }).run(sections);
        if (json != null) {
            BenchService.writeJson(figures, json);
            err.println("  figures written to " + json);
        }
        out.flush();
        return 0;
    }
}

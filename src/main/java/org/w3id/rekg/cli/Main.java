package org.w3id.rekg.cli;

import org.w3id.rekg.core.SafeParsing;

import org.w3id.rekg.core.RekgException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rekg} command: build, serve, query and export the rare-earth knowledge graph. */
@Command(name = "rekg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "REKG, the rare-earth knowledge graph: build it from the curated sources, serve it over SPARQL, query and export it.",
        subcommands = {BuildCommand.class, ServeCommand.class, QueryCommand.class, ExportCommand.class, ImportCommand.class, LinkCommand.class, BenchCommand.class, IngestCommand.class, ReviewCommand.class, AcceptCommand.class, ReasonCommand.class, ExplainCommand.class, CompactCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  rekg serve                       build the graph if needed and serve it on http://localhost:3030/",
                "  rekg build --in-memory           check the sources without touching the store",
                "  rekg query queries/01-china-export-controls-timeline.rq",
                "  rekg export --format trig > rekg.trig"})
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 ok, 1 error, 2 usage). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    /** Runs the command line with its messages sent to {@code out} and {@code err}; returns the exit status. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        SafeParsing.install();
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // "rekg bench ingest|link|ownership": the benchmarks of the other capabilities, beside build, serve and queries
        CommandLine bench = cli.getSubcommands().get("bench");
        bench.addSubcommand(new BenchIngestCommand());
        bench.addSubcommand(new BenchLinkCommand());
        bench.addSubcommand(new BenchOwnershipCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean verbose = parsed.hasMatchedOption("-v") || parsed.subcommands().stream()
                    .anyMatch(p -> p.hasMatchedOption("-v"));
            if (e instanceof RekgException re) {
                cmd.getErr().println(re.userMessage());
            } else {
                cmd.getErr().println("error: " + e);
            }
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            } else if (!(e instanceof RekgException)) {
                cmd.getErr().println("  (run again with -v for the stack trace)");
            }
            return 1;
        });
        return cli;
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rekg " + (v == null ? "dev" : v)};
        }
    }
}

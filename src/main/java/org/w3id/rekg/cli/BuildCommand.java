package org.w3id.rekg.cli;

import java.util.concurrent.Callable;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.Compaction;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rekg build}: sources → RDF → SHACL → inferences → TDB2, all or nothing. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the graph from ontology/ and sources/ into the store, in one transaction.",
                "Every source file is checked first (ids, references, dates, shares, locators, SHACL shapes);",
                "on any error nothing is written. Unchanged inputs are detected and leave the store as it is."},
        footer = {"", "Examples:", "  rekg build", "  rekg build --in-memory      check the sources only",
                "  rekg build --store /tmp/rekg-store",
                "  rekg build --remote http://localhost:3030/ds/data   a Fuseki dataset",
                "  rekg build --remote http://localhost:8890 --remote-kind virtuoso --remote-user dba --password-file pw.txt"})
public final class BuildCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--in-memory", description = "Build a throwaway graph in memory: checks everything, writes nothing.")
    boolean inMemory;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Mixin
    RemoteOptions remote;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        BuildService service = new BuildService(project.layout(), msg -> {
            if (!quiet) {
                out.println("  " + msg);
            }
        });
        if (remote.given()) {
            if (inMemory) {
                throw new RekgException(ErrorCode.USAGE, "--remote and --in-memory do not go together");
            }
            var store = remote.open();
            BuildService.Result r = new org.w3id.rekg.pipeline.RemoteBuild(service, store, msg -> {
                if (!quiet) {
                    out.println("  " + msg);
                }
            }, remote.takeOver).build();
            if (!quiet) {
                out.printf("%s: %d quads in %d graphs (%d ms) at %s%n", r.changed() ? "built" : "unchanged",
                        r.quads(), r.graphs().size(), r.millis(), store.display());
            }
            return 0;
        }
        Dataset ds = inMemory ? Store.inMemory() : Store.open(project.storeDir());
        try {
            BuildService.Result r = service.build(ds);
            if (r.changed() && !inMemory && Compaction.compactIfGrown(ds, project.storeDir()) && !quiet) {
                out.printf("  compacted the store (it had grown to %.0f times its compacted size)%n", Compaction.GROWTH_FACTOR);
            }
            if (!quiet) {
                out.printf("%s: %d quads in %d graphs (%d ms)%s%n", r.changed() ? "built" : "unchanged",
                        r.quads(), r.graphs().size(), r.millis(), inMemory ? ", in memory" : " in " + project.storeDir());
            }
            return 0;
        } catch (RekgException e) {
            if (e.code() == ErrorCode.STORE && !inMemory && !e.getMessage().contains(project.storeDir().toString())) {
                throw new RekgException(ErrorCode.STORE, "the store in " + project.storeDir() + ": " + e.getMessage(), e);
            }
            throw e;
        } finally {
            ds.close();
        }
    }
}

package org.w3id.rekg.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.rekg.bench.OwnershipBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekg bench ownership}: the ownership engine on synthetic registers, beside SPARQL paths and Jena rules. */
@Command(name = "ownership", mixinStandardHelpOptions = true,
        description = {"Generate register-like ownership networks (heavy-tailed, chains over 10 levels deep,",
                "cross-holdings and cycles) and time, with peak heap, the computation of every effective",
                "share of at least 1 % and every ultimate controller; beside it, on the same data, a SPARQL",
                "property path (ownedBy+) and Jena's rule reasoner with a transitive rule, each time-boxed."},
        footer = {"", "Examples:", "  rekg bench ownership",
                "  REKG_JAVA_OPTS=-Xmx4g rekg bench ownership --sizes 10000,100000,1000000 --timeout 120"})
public final class BenchOwnershipCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", paramLabel = "N[,N...]", defaultValue = "10000,100000,1000000",
            description = "Numbers of entities (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time box of each alternative (default: ${DEFAULT-VALUE} s).")
    int timeout;

    @Option(names = "--threads", paramLabel = "N", description = "Engine threads (default: the processors available).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        new OwnershipBenchmark(spec.commandLine().getOut(), timeout, t).run(sizes, seed);
        return 0;
    }
}

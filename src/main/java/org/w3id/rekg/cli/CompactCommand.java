package org.w3id.rekg.cli;

import java.util.concurrent.Callable;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.store.Compaction;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rekg compact}: gives back the space that earlier builds and imports left in the store. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Compact the TDB2 store: keep only the live data, free the space earlier builds left behind.",
        footer = {"", "Example:", "  ./rekg compact            # e.g. 132 MB -> 9 MB"})
public final class CompactCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        long before = Compaction.sizeOnDisk(project.storeDir());
        Dataset ds = Store.openExisting(project.storeDir());
        try {
            long after = Compaction.compact(ds, project.storeDir());
            out.printf("compacted %s: %.1f MB -> %.1f MB%n", project.storeDir(), before / 1e6, after / 1e6);
        } finally {
            ds.close();
        }
        return 0;
    }
}

package org.w3id.rekg.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.store.ExportService;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekg export}: a dump of the whole dataset. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Dump the whole dataset. trig, nq and jsonld keep the named graphs (one per source);",
                "ttl and rdfxml get the union of all graphs."},
        footer = {"", "Examples:", "  rekg export --format trig > rekg.trig", "  rekg export --format jsonld -o rekg.jsonld",
                "  rekg export --for virtuoso -o bulk/   then: isql-vt 1111 dba PASSWORD bulk/load-virtuoso.sql"})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--format", defaultValue = "trig", description = "ttl, trig, nq, jsonld or rdfxml (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output (with --for: a folder).")
    Path output;

    @Option(names = "--for", paramLabel = "STORE",
            description = "virtuoso or tdb2: write N-Quads and the store's bulk loader commands (load-virtuoso.sql, load-tdb2.sh) into the folder -o.")
    String forStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (forStore != null) {
            if (output == null) {
                throw new RekgException(ErrorCode.USAGE, "--for needs -o FOLDER: the N-Quads file and the loader commands go there");
            }
            org.w3id.rekg.remote.BulkLoad.Result r = project.withStore(ds -> org.w3id.rekg.remote.BulkLoad.write(ds, output, forStore));
            spec.commandLine().getOut().printf("wrote %d quads in %d graphs to %s; load them with %s%n", r.quads(), r.graphs().size(),
                    r.data(), r.script());
            return 0;
        }
        ExportService.Format fmt = ExportService.Format.of(format);
        Dataset ds = Store.openExisting(project.storeDir());
        try {
            if (output == null) {
                OutputStream out = new BufferedOutputStream(System.out);
                fmt.write(ds, out);
                out.flush();
            } else {
                Path tmp = output.resolveSibling(output.getFileName() + ".part");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    fmt.write(ds, out);
                } catch (RuntimeException e) {
                    Files.deleteIfExists(tmp);
                    throw new RekgException(ErrorCode.STORE, "export failed: " + e.getMessage(), e);
                }
                Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            ds.close();
        }
        return 0;
    }
}

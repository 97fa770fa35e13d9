package org.w3id.rekg.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/** Where a REKG project keeps its inputs: {@code ontology/}, {@code sources/} and the default store. */
public record ProjectLayout(Path root) {

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path ontology() {
        return root.resolve("ontology/rekg.ttl");
    }

    public Path shapes() {
        return root.resolve("ontology/shapes.ttl");
    }

    public Path sources() {
        return root.resolve("sources");
    }

    public Path reference() {
        return sources().resolve("reference");
    }

    public Path defaultStore() {
        return root.resolve("store");
    }

    /** The curated source files: every {@code .yaml} under {@code sources/} but the reference folder, in a stable order. */
    public List<Path> sourceFiles() {
        if (!Files.isDirectory(sources())) {
            throw new RekgException(ErrorCode.USAGE, "no sources/ folder in " + root + " (use --project to name the project folder)");
        }
        try (Stream<Path> files = Files.walk(sources())) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.startsWith(reference()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot list " + sources() + ": " + e.getMessage(), e);
        }
    }

    /** A path as shown in messages: relative to the project. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : p.toString();
    }
}

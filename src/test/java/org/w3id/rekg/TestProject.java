package org.w3id.rekg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.w3id.rekg.store.ProjectLayout;

/**
 * A throwaway project folder for tests: the real ontology, shapes and reference data of this
 * repository, plus whatever source files a test writes.
 */
public final class TestProject implements AutoCloseable {
    /** The repository's own folder (surefire passes it). */
    public static final Path REPO = Path.of(System.getProperty("rekg.project.dir", ".")).toAbsolutePath();

    /** A small, valid source: a mine in a town in a region in Australia, a firm operating it, a stake. */
    public static final String VALID = """
            source:
              id: test-doc
              title: A test document
              creator: REKG tests
              issued: 2025-10
              language: en
              kind: document
            records:
              - id: test-region
                a: Region
                at: "§1"
                label: {en: Test region, fr: Région test}
                locatedIn: state/AU
              - id: test-town
                a: Town
                at: "§1"
                label: {en: Test town, fr: Ville test}
                locatedIn: test-region
              - id: test-mine
                a: Mine
                at: "§2"
                label: {en: Test mine, fr: Mine test}
                locatedIn: test-town
              - id: test-firm
                a: Firm
                at: "§2"
                label: {en: Test firm, fr: Entreprise test}
                operates: test-mine
              - id: test-stake
                a: Stake
                at: "§3"
                label: {en: Australia's stake in the test firm, fr: Participation australienne}
                holder: state/AU
                target: test-firm
                share: 40
                interestKind: interest/shareholding
                startDate: 2025-07-10
            """;

    private final Path root;

    private TestProject(Path root) {
        this.root = root;
    }

    /** A project with the repository's ontology, reference data and element groups, and no other source file. */
    public static TestProject create() {
        try {
            Path root = Files.createTempDirectory("rekg-test");
            Files.createDirectories(root.resolve("ontology"));
            Files.copy(REPO.resolve("ontology/rekg.ttl"), root.resolve("ontology/rekg.ttl"));
            Files.copy(REPO.resolve("ontology/shapes.ttl"), root.resolve("ontology/shapes.ttl"));
            copyTree(REPO.resolve("sources/reference"), root.resolve("sources/reference"));
            // hand-made links name curated entities, which a test project only has if it asks for them
            Files.delete(root.resolve("sources/reference/links-by-hand.csv"));
            // the light/heavy grouping of the rare earths, which the shapes require
            Path groups = Path.of("sources/background/usgs-earthmagazine-2018-06-14-ree.yaml");
            Files.createDirectories(root.resolve(groups).getParent());
            Files.copy(REPO.resolve(groups), root.resolve(groups));
            return new TestProject(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the repository's curated sources too, and the links made by hand to their entities. */
    public TestProject withRepositorySources() {
        try {
            Files.copy(REPO.resolve("sources/reference/links-by-hand.csv"), root.resolve("sources/reference/links-by-hand.csv"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.walk(REPO.resolve("sources"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Path rel = REPO.resolve("sources").relativize(f);
                if (!rel.startsWith("reference") && !Files.exists(root.resolve("sources").resolve(rel))) {
                    Path to = root.resolve("sources").resolve(rel);
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes {@code text} to {@code sources/<name>}. */
    public TestProject source(String name, String text) {
        try {
            Path f = root.resolve("sources").resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path root() {
        return root;
    }

    public Path store() {
        return root.resolve("store");
    }

    public ProjectLayout layout() {
        return new ProjectLayout(root);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

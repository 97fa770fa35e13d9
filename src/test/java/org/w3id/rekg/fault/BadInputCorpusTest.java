package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.source.ReferenceData;
import org.w3id.rekg.pipeline.BuildService;

/**
 * The bad-input corpus, {@code src/test/resources/bad-inputs/<loader>/}: each bad file must make
 * its loader fail with a {@link RekgException} (never another exception) whose message, as printed
 * to the user, contains every line of the file's sibling {@code <name>.expected}.
 * <p>
 * Loaders: {@code source-yaml} (a curated source file, beside the valid test fixture),
 * {@code ontology-turtle} and {@code shapes-turtle} (the ontology or the shapes replaced),
 * {@code country-codes-csv} (the ISO 3166 reference file replaced), {@code usgs-csv} and
 * {@code bods-json} (the importers), {@code ingest-document} (the document reader of {@code rekg ingest}).
 */
class BadInputCorpusTest {

    static final Path CORPUS = TestProject.REPO.resolve("src/test/resources/bad-inputs");

    /** Loads one bad file the way REKG would; throws what REKG throws. */
    interface Loader {
        void load(Path bad) throws Exception;
    }

    private static final Map<String, TestProject> PROJECTS = new LinkedHashMap<>();

    /** A project with the valid fixture, one per loader, reused across its cases. */
    static TestProject project(String loader) {
        return PROJECTS.computeIfAbsent(loader, k -> TestProject.create().source("test.yaml", TestProject.VALID));
    }

    @AfterAll
    static void cleanUp() {
        PROJECTS.values().forEach(TestProject::close);
        PROJECTS.clear();
    }

    /** Puts {@code bad} in place of {@code target} in the loader's project, compiles the project, puts the original back. */
    static void compileWith(String loader, String target, Path bad) {
        TestProject p = project(loader);
        Path file = p.root().resolve(target);
        Path saved = p.root().resolve(target + ".saved");
        try {
            boolean existed = Files.exists(file);
            if (existed) {
                Files.move(file, saved, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(bad, file, StandardCopyOption.REPLACE_EXISTING);
            try {
                new BuildService(p.layout()).compile();
            } finally {
                Files.delete(file);
                if (existed) {
                    Files.move(saved, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final Map<String, Loader> LOADERS = Loaders.all();

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".expected") && !name.equals("README.md")) {
                    cases.add(Arguments.of(CORPUS.relativize(f).toString(), f));
                }
            }
        }
        return cases.stream();
    }

    static Path expectedFile(Path bad) {
        String name = bad.getFileName().toString();
        int dot = name.indexOf('.');
        return bad.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".expected");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputGivesItsError(String name, Path bad) throws IOException {
        String loaderName = CORPUS.relativize(bad).getName(0).toString();
        Loader loader = LOADERS.get(loaderName);
        assertNotNull(loader, "no loader for the corpus folder '" + loaderName + "'");
        Path expectedFile = expectedFile(bad);
        assertTrue(Files.isRegularFile(expectedFile), "missing " + CORPUS.relativize(expectedFile));
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
        assertFalse(expected.isEmpty(), "empty " + expectedFile);
        String message = null;
        try {
            loader.load(bad);
        } catch (RekgException e) {
            message = e.userMessage();
        } catch (Throwable t) {
            throw new AssertionError(name + " must give a RekgException, not " + t, t);
        }
        if (message == null) {
            fail(name + " was accepted; it must give: " + expected);
        }
        String got = message;
        for (String line : expected) {
            assertTrue(got.contains(line), () -> name + ": the message must contain '" + line + "', got:\n" + got);
        }
    }

    /** A huge source file (generated, 4 MB: too big to keep in the repository) is refused with a clear message. */
    @Test
    void hugeSourceFileIsRefusedClearly() throws IOException {
        Path huge = Files.createTempFile("rekg-huge", ".yaml");
        try {
            StringBuilder yaml = new StringBuilder("source:\n  id: huge-doc\n  title: Huge\n  kind: background\nrecords:\n");
            for (int i = 0; yaml.length() < 4_000_000; i++) {
                yaml.append("  - id: huge-").append(i).append("\n    a: Mine\n    at: \"§").append(i)
                    .append("\"\n    label: {en: Huge mine number ").append(i).append("}\n");
            }
            Files.writeString(huge, yaml);
            RekgException e = org.junit.jupiter.api.Assertions.assertThrows(RekgException.class,
                    () -> compileWith("source-yaml", "sources/bad.yaml", huge));
            assertTrue(e.userMessage().contains("REKG-001"), e::userMessage);
            assertTrue(e.userMessage().contains("sources/bad.yaml"), e::userMessage);
            assertTrue(e.userMessage().contains("too large"), e::userMessage);
        } finally {
            Files.delete(huge);
        }
    }

    @Test
    void everyLoaderHasBadInputs() throws IOException {
        for (String loader : LOADERS.keySet()) {
            Path dir = CORPUS.resolve(loader);
            assertTrue(Files.isDirectory(dir), "no corpus folder for " + loader);
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.anyMatch(f -> !f.toString().endsWith(".expected")), "no bad input for " + loader);
            }
        }
    }

    /** The loaders, by corpus folder. */
    static final class Loaders {
        private Loaders() {}

        static Map<String, Loader> all() {
            Map<String, Loader> m = new LinkedHashMap<>();
            m.put("source-yaml", bad -> compileWith("source-yaml", "sources/bad.yaml", bad));
            m.put("ontology-turtle", bad -> compileWith("ontology-turtle", "ontology/rekg.ttl", bad));
            m.put("shapes-turtle", bad -> compileWith("shapes-turtle", "ontology/shapes.ttl", bad));
            m.put("country-codes-csv", bad -> {
                TestProject p = project("country-codes-csv");
                Path csv = p.layout().reference().resolve("country-codes.csv");
                Path saved = csv.resolveSibling("country-codes.csv.saved");
                Files.move(csv, saved, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.copy(bad, csv);
                    ReferenceData.load(p.layout().reference());
                } finally {
                    Files.move(saved, csv, StandardCopyOption.REPLACE_EXISTING);
                }
            });
            m.put("usgs-csv", bad -> org.w3id.rekg.importer.usgs.UsgsImporter.read(bad, org.w3id.rekg.link.CountryNames.from(repository())));
            m.put("bods-json", bad -> org.w3id.rekg.importer.bods.BodsImporter.toGraph(bad));
            m.put("ingest-document", bad -> new org.w3id.rekg.ingest.DocumentReader().read(bad));
            return m;
        }

        private static org.apache.jena.query.Dataset repository;

        /** The repository's graph, built once in memory, for the importers that read the store (country names). */
        static synchronized org.apache.jena.query.Dataset repository() {
            if (repository == null) {
                org.apache.jena.query.Dataset ds = org.w3id.rekg.store.Store.inMemory();
                new BuildService(new org.w3id.rekg.store.ProjectLayout(TestProject.REPO)).build(ds);
                repository = ds;
            }
            return repository;
        }
    }
}

package org.w3id.rekg.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.link.CountryNames;
import org.w3id.rekg.importer.usgs.UsgsImporter;
import org.w3id.rekg.importer.bods.BodsImporter;
import org.w3id.rekg.source.ReferenceData;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * Property-based fuzzing of the reference-data loader and of the importers that exist (BODS
 * JSON, USGS CSV): valid files with random edits must be read or refused with a
 * {@link RekgException}, never another exception.
 */
class ImporterFuzz {

    static final String BODS = """
            [{"recordId": "e1", "recordType": "entity", "recordDetails": {"name": "A", "entityType": {"type": "registeredEntity"},
              "jurisdiction": {"code": "AU"}, "identifiers": [{"scheme": "AU-ABN", "id": "123"}]}},
             {"recordId": "p1", "recordType": "person", "recordDetails": {"names": [{"fullName": "B C"}]}},
             {"recordId": "e2", "recordType": "entity", "recordDetails": {"name": "D", "entityType": {"type": "registeredEntity"}}},
             {"recordId": "r1", "recordType": "relationship", "recordDetails": {"subject": "e1", "interestedParty": "e2",
               "interests": [{"type": "shareholding", "share": {"exact": 50}, "startDate": "2020-01-01"}]}},
             {"recordId": "r2", "recordType": "relationship", "recordDetails": {"subject": "e2", "interestedParty": "p1",
               "interests": [{"type": "votingRights", "share": {"minimum": 10, "maximum": 20}}]}}]
            """;

    static final String USGS = """
            Source,Country,Type,Prod_t_2022,Prod_t_est_2023,Reserves_t,Prod_notes,Reserves_notes
            MCS2024,United States,"Mine production, rare-earth-oxide equivalent, metric tons","42,000","43,000","1,800,000",,
            MCS2024,Burma,"Mine production, rare-earth-oxide equivalent, metric tons",NA,"38,000",NA,,
            MCS2024,World total (rounded),"Mine production, rare-earth-oxide equivalent, metric tons","300,000","350,000","110,000,000",,
            """;

    static final String COUNTRIES;
    static final Path REFERENCE;
    static final Dataset REPOSITORY;

    static {
        try {
            List<String> lines = Files.readAllLines(TestProject.REPO.resolve("sources/reference/country-codes.csv"));
            COUNTRIES = String.join("\n", lines.subList(0, 6)) + "\n";
            REFERENCE = Files.createTempDirectory("rekg-fuzz-reference");
            try (Stream<Path> files = Files.list(TestProject.REPO.resolve("sources/reference"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, REFERENCE.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        REPOSITORY = Store.inMemory();
        new BuildService(new ProjectLayout(TestProject.REPO)).build(REPOSITORY);
    }

    interface Load {
        void run(Path file) throws Exception;
    }

    static void load(String text, String suffix, Load load) throws Exception {
        Path f = Files.createTempFile("rekg-fuzz", suffix);
        try {
            Files.writeString(f, text, StandardCharsets.UTF_8);
            try {
                load.run(f);
            } catch (RekgException expected) {
                // a clear error: fine
            }
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 2000)
    void mutatedBodsFilesGiveARekgExceptionOrAGraph(@ForAll("bods") String text) throws Exception {
        load(text, ".json", BodsImporter::toGraph);
    }

    @Property(tries = 2000)
    void mutatedUsgsFilesGiveARekgExceptionOrAGraph(@ForAll("usgs") String text) throws Exception {
        CountryNames names = CountryNames.from(REPOSITORY);
        load(text, ".csv", f -> UsgsImporter.read(f, names));
    }

    @Property(tries = 1000)
    void mutatedCountryCodesGiveARekgExceptionOrData(@ForAll("countries") String text) throws Exception {
        Files.writeString(REFERENCE.resolve("country-codes.csv"), text, StandardCharsets.UTF_8);
        try {
            ReferenceData.load(REFERENCE);
        } catch (RekgException expected) {
            // fine
        }
    }

    @Provide
    Arbitrary<String> bods() {
        return mutants(BODS, Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999", "150", "\"x\"",
                "{\"exact\": 101}", "[]", "{}", "\\u0000", "\"recordType\": \"relationship\"", "\"subject\": \"zz\""));
    }

    @Provide
    Arbitrary<String> usgs() {
        return mutants(USGS, Arbitraries.of(",", "\"", "\n", "NA", "W", "-5", "1,2,3", "1e9", "Atlantis", "World total", "Other countries",
                "metric tons", "Prod_t_", "Prod_t_est_99999", "\ufeff", "\r"));
    }

    @Provide
    Arbitrary<String> countries() {
        return mutants(COUNTRIES, Arbitraries.of(",", "\"", "\n", "\r", "ZZ", "12345", "abc", "Part of ", "Yes", "No", "-", "\ufeff"));
    }

    /** {@code valid} with one to five random cuts or insertions. */
    static Arbitrary<String> mutants(String valid, Arbitrary<String> tokens) {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, valid.length());
        Arbitrary<String> insert = Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(4));
        Arbitrary<int[]> cut = Combinators.combine(pos, Arbitraries.integers().between(1, 30)).as((a, n) -> new int[] {a, n});
        Arbitrary<Object[]> edit = Combinators.combine(Arbitraries.of(true, false), cut, insert).as((isCut, c, t) -> new Object[] {isCut, c, t});
        return edit.list().ofMinSize(1).ofMaxSize(5).map(edits -> {
            String s = valid;
            for (Object[] e : edits) {
                int[] c = (int[]) e[1];
                int at = Math.min(c[0], s.length());
                s = (Boolean) e[0] ? s.substring(0, at) + s.substring(Math.min(s.length(), at + c[1]))
                        : s.substring(0, at) + e[2] + s.substring(at);
            }
            return s;
        });
    }
}

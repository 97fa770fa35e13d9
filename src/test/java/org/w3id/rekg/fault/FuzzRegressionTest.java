package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.source.ReferenceData;

/**
 * Inputs the fuzzer ({@code mvn -Pfuzz test}, {@code fuzz.ImporterFuzz}) found to make a loader
 * fail with something else than a REKG error, kept in the default build once fixed.
 */
class FuzzRegressionTest {

    /** Shrunk samples of {@code mutatedCountryCodesGiveARekgExceptionOrData}: a cut header or row made the reference loader throw IllegalArgumentException. */
    @ParameterizedTest
    @ValueSource(strings = {
            "FC,is_independent,ISO316\n",
            "SO3166-1-Alpha-3,MARC,is_independent,ISO3166-1-numeric,ISO3166-1-Alpha-2\nAFG,,Yes,004,AF\n",
            "ISO3166-1-Alpha-2,ISO3166-1-Alpha-3,ISO3166-1-numeric,is_independent,official_name_en,official_name_fr,CLDR display name,"
                    + "UNTERM English Short,UNTERM English Formal,UNTERM French Short,UNTERM French Formal,Geoname ID,wikidata_id\nAF,AFG\n",
            "ISO3166-1-Alpha-2,ISO3166-1-Alpha-3,ISO3166-1-numeric,is_independent,official_name_en,official_name_fr,CLDR display name,"
                    + "UNTERM English Short,UNTERM English Formal,UNTERM French Short,UNTERM French Formal,Geoname ID,wikidata_id\n"
                    + "AF,AFG,4a,Yes,Afghanistan,Afghanistan,Afghanistan,Afghanistan,Afghanistan,Afghanistan,Afghanistan,1,Q889\n"})
    void cutCountryCodesGiveAReferenceDataError(String csv, @TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(TestProject.REPO.resolve("sources/reference"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve("country-codes.csv"), csv);
        RekgException e = assertThrows(RekgException.class, () -> ReferenceData.load(dir));
        assertEquals(ErrorCode.REFERENCE_DATA, e.code());
        assertTrue(e.getMessage().contains("country-codes.csv"), e.getMessage());
    }
}

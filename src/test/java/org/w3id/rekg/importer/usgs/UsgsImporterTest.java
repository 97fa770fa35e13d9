package org.w3id.rekg.importer.usgs;

import org.w3id.rekg.pipeline.Imports;

import org.w3id.rekg.link.LinkFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.pipeline.ImportService;

public class UsgsImporterTest {
    public static final String FILE = "usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv";

    Dataset ds;

    @TempDir
    Path tmp;

    @BeforeEach
    void store() {
        ds = LinkFixtures.referenceStore();
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private List<String> rows(String select) {
        List<String> out = new ArrayList<>();
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query("""
                    PREFIX rekg: <https://w3id.org/rekg/ontology#>
                    PREFIX id: <https://w3id.org/rekg/id/>
                    """ + select).build()) {
                var rs = qe.execSelect();
                rs.forEachRemaining(r -> {
                    List<String> cells = new ArrayList<>();
                    rs.getResultVars().forEach(v -> cells.add(r.contains(v) ? (r.get(v).isLiteral() ? r.getLiteral(v).getLexicalForm()
                            : r.getResource(v).getURI().replace("https://w3id.org/rekg/id/", "")) : ""));
                    out.add(String.join(" ", cells));
                });
            }
        });
        return out;
    }

    /** Values as the store keeps them: TDB2 writes decimals in canonical form (12000.0). */
    @Test
    void theRealFileGivesProductionByStateAndYearAndReservesInTonnesOfOxide() {
        Path file = LinkFixtures.external(FILE);
        ImportService.Result r = Imports.usgs(ds, file);
        assertTrue(r.changed());
        assertEquals("https://w3id.org/rekg/graph/import/usgs/mcs2024-raree_world.csv", r.graph().getURI());
        // 15 states x 2 years + the world x 2 years; reserves: 15 states less 3 "NA" + the world
        assertEquals(List.of("32 13"), rows("""
                SELECT (SUM(IF(?i = <https://w3id.org/rekg/id/indicator/mine-production>, 1, 0)) AS ?p) (SUM(IF(?i = <https://w3id.org/rekg/id/indicator/reserves>, 1, 0)) AS ?r)
                { ?o a rekg:FigureObservation ; rekg:indicator ?i }"""));
        assertEquals(List.of("state/MM 2022 12000.0 t REO", "state/MM 2023 38000.0 t REO"), rows("""
                SELECT ?s ?y ?v ?u { ?o rekg:indicator <https://w3id.org/rekg/id/indicator/mine-production> ; rekg:observedActor ?s ; rekg:year ?y ;
                    rekg:value ?v ; rekg:unit ?u FILTER(?s = <https://w3id.org/rekg/id/state/MM>) } ORDER BY ?y"""));
        assertEquals(List.of("world 2023 350000.0"), rows("""
                SELECT ?scope ?y ?v { ?o rekg:indicator <https://w3id.org/rekg/id/indicator/mine-production> ; rekg:scope ?scope ; rekg:year ?y ; rekg:value ?v
                    FILTER(?y = "2023"^^<http://www.w3.org/2001/XMLSchema#gYear>) }"""));
        assertEquals(List.of("state/US 1800000.0"), rows("""
                SELECT ?s ?v { ?o rekg:indicator <https://w3id.org/rekg/id/indicator/reserves> ; rekg:observedActor ?s ; rekg:value ?v FILTER(?s = <https://w3id.org/rekg/id/state/US>) }"""));
        // no reserves where the file says NA
        assertEquals(List.of(), rows("SELECT ?o { ?o rekg:indicator <https://w3id.org/rekg/id/indicator/reserves> ; rekg:observedActor <https://w3id.org/rekg/id/state/MM> }"));
        assertEquals(List.of("mcs2024-raree_world.csv row 5 (Burma) source/usgs-mcs2024"), rows("""
                SELECT ?l ?src { ?c rekg:about ?o ; rekg:locator ?l ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?src .
                    ?o rekg:observedActor <https://w3id.org/rekg/id/state/MM> ; rekg:year "2023"^^<http://www.w3.org/2001/XMLSchema#gYear> }"""));
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        Path file = LinkFixtures.external(FILE);
        Imports.usgs(ds, file);
        long before = LinkFixtures.quads(ds);
        ImportService.Result again = Imports.usgs(ds, file);
        assertFalse(again.changed());
        assertEquals(before, LinkFixtures.quads(ds));
    }

    private RekgException failsWithoutChange(Path file) {
        long before = LinkFixtures.quads(ds);
        RekgException e = assertThrows(RekgException.class, () -> Imports.usgs(ds, file));
        assertEquals(before, LinkFixtures.quads(ds), "a failed import must change nothing");
        return e;
    }

    @Test
    void aFileInAnotherFormatIsRefusedAndNothingIsWritten() throws IOException {
        Path json = LinkFixtures.external("minmod-entities/mineral-sites/02a0c7412e655ff0a9a4eb63cd1388ecb4aee96931f8bc4f98819e65cc83173755.json");
        RekgException e = failsWithoutChange(json);
        assertEquals(ErrorCode.IMPORT_FORMAT, e.code());
        assertTrue(e.getMessage().contains("not a USGS Mineral Commodity Summaries world table: missing column(s) Source, Country, Type, Reserves_t"),
                e.getMessage());
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        Path real = LinkFixtures.external(FILE);
        // the real file with its Reserves_t column renamed
        Path f = tmp.resolve("mcs2024-raree_world.csv");
        Files.writeString(f, Files.readString(real).replaceFirst("Reserves_t,", "Reserves,"));
        RekgException e = failsWithoutChange(f);
        assertEquals(ErrorCode.IMPORT_FORMAT, e.code());
        assertTrue(e.getMessage().contains("missing column(s) Reserves_t"), e.getMessage());
    }

    @Test
    void aCountryNoStateIsCalledIsAnErrorNotASilentSkip() throws IOException {
        Path real = LinkFixtures.external(FILE);
        Path f = tmp.resolve("mcs2024-raree_world.csv");
        Files.writeString(f, Files.readString(real).replace("MCS2024,Madagascar,", "MCS2024,Atlantis,"));
        RekgException e = failsWithoutChange(f);
        assertTrue(e.getMessage().startsWith("mcs2024-raree_world.csv row 10: no state is called 'Atlantis'"), e.getMessage());
    }

    @Test
    void aCellThatIsNotANumberIsNamed() throws IOException {
        Path real = LinkFixtures.external(FILE);
        Path f = tmp.resolve("mcs2024-raree_world.csv");
        Files.writeString(f, Files.readString(real).replace(",2900,2900,", ",2900,about 3000,"));
        RekgException e = failsWithoutChange(f);
        assertEquals("mcs2024-raree_world.csv row 9, column Prod_t_est_2023: not a number: 'about 3000'", e.getMessage());
    }
}

package org.w3id.rekg.importer.minmod;

import org.w3id.rekg.pipeline.Imports;

import org.w3id.rekg.link.LinkFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

public class MinmodImporterTest {
    public static final String SITE = "minmod-entities/mineral-sites/02a0c7412e655ff0a9a4eb63cd1388ecb4aee96931f8bc4f98819e65cc83173755.json";
    static final String SITE_IRI = "https://w3id.org/rekg/id/minmod/site/02a0c7412e655ff0a9a4eb63cd1388ecb4aee96931f8bc4f98819e65cc83173755";

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

    private MinmodImporter importer() {
        return new MinmodImporter(ds, LinkFixtures.REFERENCE);
    }

    private List<String> rows(String select) {
        List<String> out = new ArrayList<>();
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query("PREFIX rekg: <https://w3id.org/rekg/ontology#>\n" + select).build()) {
                var rs = qe.execSelect();
                rs.forEachRemaining(r -> {
                    List<String> cells = new ArrayList<>();
                    rs.getResultVars().forEach(v -> cells.add(!r.contains(v) ? "" : r.get(v).isLiteral() ? r.getLiteral(v).getLexicalForm()
                            : r.getResource(v).getURI().replace(Rekg.ID, "").replace(SITE_IRI.replace(Rekg.ID, ""), "SITE")));
                    out.add(String.join(" | ", cells));
                });
            }
        });
        return out;
    }

    @Test
    void theRealSiteHasItsPlaceCommoditiesGradeAndTonnage() {
        Imports.minmod(importer(), LinkFixtures.external(SITE));
        String s = "<" + SITE_IRI + ">";
        assertEquals(List.of("Montviel Carbonatite | state/CA | POINT(-75.927119 49.632846) | 49.632846 | -75.927119"), rows("""
                PREFIX geo: <http://www.opengis.net/ont/geosparql#>
                PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?name ?state ?wkt ?lat ?long { %s rdfs:label ?name ; rekg:locatedIn ?state ;
                    geo:hasGeometry ?g . ?g geo:asWKT ?wkt ; wgs:lat ?lat ; wgs:long ?long }""".formatted(s)));
        // niobium is not among REKG's materials, so only the rare earths are matched
        assertEquals(List.of("rare-earths"), rows("SELECT ?m { " + s + " rekg:material ?m } ORDER BY ?m"));
        // five inventories; the first: 9.1 (no unit given) of ore at 0.27 (no unit given) Nb2O5, inferred, p. 8
        assertEquals(List.of("SITE/inventory/0 | https://minmod.isi.edu/resource/Q579 | 9.1 | 0.27 |  | Nb2O5 | inferred | 2004-05 | p. 8"), rows("""
                SELECT ?i ?m ?ore ?grade ?gu ?form ?cat ?date ?loc { %s rekg:inventory ?i . ?i rekg:commodity ?m ; rekg:ore ?ore ;
                    rekg:grade ?grade ; rekg:materialForm ?form ; rekg:resourceCategory ?cat ; rekg:date ?date .
                    OPTIONAL { ?i rekg:gradeUnit ?gu } ?c rekg:about ?i ; rekg:locator ?loc
                    FILTER(STRENDS(STR(?i), "/0")) }""".formatted(s)));
        assertEquals(List.of("5"), rows("SELECT (COUNT(?i) AS ?n) { " + s + " rekg:inventory ?i }"));
        // the file gives a grade unit ("percent") only where it gives no grade: a unit without a value is not kept
        assertEquals(List.of(), rows("SELECT DISTINCT ?u { " + s + " rekg:inventory/rekg:gradeUnit ?u }"));
        assertEquals(List.of("https://minmod.isi.edu/resource/Q470", "https://minmod.isi.edu/resource/Q471", "https://minmod.isi.edu/resource/Q475"),
                rows("SELECT ?t { " + s + " rekg:depositTypeCandidate ?t } ORDER BY ?t"));
    }

    @Test
    void aSiteNamedLikeARekgSiteIsLinkedToItByLabel() {
        Txn.executeWrite(ds, () -> {
            var g = ds.asDatasetGraph().getGraph(Rekg.graph("test-doc"));
            g.add(Rekg.id("montviel"), RDF.type.asNode(), Rekg.term("Deposit"));
            g.add(Rekg.id("montviel"), RDFS.label.asNode(), NodeFactory.createLiteralLang("Montviel carbonatite", "en"));
        });
        Imports.minmod(importer(), LinkFixtures.external(SITE));
        assertEquals(List.of("montviel | SITE | linkmethod/label-match"), rows("""
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                SELECT ?s ?o ?m { ?s skos:closeMatch ?o . ?l rdf:subject ?s ; rdf:object ?o ; rekg:linkMethod ?m }"""));
    }

    @Test
    void commoditiesAndDepositTypesAreImportedAsMinmodsOwnTerms() {
        Imports.minmod(importer(), LinkFixtures.external("minmod-entities/commodity.csv"));
        Imports.minmod(importer(), LinkFixtures.external("minmod-entities/deposit_type.csv"));
        assertEquals(List.of("198 | 189"), rows("""
                SELECT (COUNT(DISTINCT ?c) AS ?nc) (COUNT(DISTINCT ?d) AS ?nd) {
                  { ?c a <http://www.w3.org/2004/02/skos/core#Concept> } UNION { ?d a rekg:DepositType } }"""));
        assertEquals(List.of("Neodymium | Nd | https://minmod.isi.edu/resource/Q618"), rows("""
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT ?l ?n ?b { <https://minmod.isi.edu/resource/Q690> skos:prefLabel ?l ; skos:notation ?n ; skos:broader ?b }"""));
    }

    private RekgException failsWithoutChange(Path file) {
        long before = LinkFixtures.quads(ds);
        RekgException e = assertThrows(RekgException.class, () -> Imports.minmod(importer(), file));
        assertEquals(before, LinkFixtures.quads(ds), "a failed import must change nothing");
        return e;
    }

    @Test
    void aFileInAnotherFormatIsRefused() {
        RekgException e = failsWithoutChange(LinkFixtures.external("usgs-mcs2024-rare-earths-world/mcs2024-raree_world.csv"));
        assertEquals(ErrorCode.IMPORT_FORMAT, e.code());
        assertTrue(e.getMessage().contains("not a MinMod commodity or deposit-type list"), e.getMessage());
    }

    @Test
    void brokenJsonIsRefusedWithItsPosition() throws IOException {
        Path f = tmp.resolve("site.json");
        Files.writeString(f, Files.readString(LinkFixtures.external(SITE)).replaceFirst("\"name\":", "\"name\""));
        RekgException e = failsWithoutChange(f);
        assertEquals(ErrorCode.IMPORT_FORMAT, e.code());
        assertTrue(e.getMessage().contains("not valid JSON [line 5, column"), e.getMessage());
    }

    @Test
    void jsonThatIsNotAMineralSiteIsRefused() throws IOException {
        Path f = tmp.resolve("other.json");
        Files.writeString(f, "{\"data\": {\"id\": \"INR2EJN1ERAN0W5ZP974\"}}");
        RekgException e = failsWithoutChange(f);
        assertTrue(e.getMessage().endsWith("not MinMod mineral-site JSON: expected a site object, or an array of them, each with a record_id"),
                e.getMessage());
    }

    @Test
    void aLocationThatIsNotWktIsRefused() throws IOException {
        Path f = tmp.resolve("site.json");
        Files.writeString(f, Files.readString(LinkFixtures.external(SITE)).replace("POINT(-75.927119 49.632846)", "49.63N 75.93W"));
        RekgException e = failsWithoutChange(f);
        assertTrue(e.getMessage().startsWith("site.json: location is not WKT: '49.63N 75.93W'"), e.getMessage());
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        Path f = tmp.resolve("commodity.csv");
        Files.writeString(f, Files.readString(LinkFixtures.external("minmod-entities/commodity.csv")).replaceFirst("aliases,", "alias,"));
        RekgException e = failsWithoutChange(f);
        assertTrue(e.getMessage().contains("not a MinMod commodity or deposit-type list"), e.getMessage());
    }
}

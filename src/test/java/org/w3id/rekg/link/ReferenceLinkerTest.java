package org.w3id.rekg.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

class ReferenceLinkerTest {
    static final Instant WHEN = Instant.parse("2026-01-01T00:00:00Z");
    static final String PREFIXES = """
            PREFIX rekg: <https://w3id.org/rekg/ontology#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX void: <http://rdfs.org/ns/void#>
            PREFIX dct: <http://purl.org/dc/terms/>
            """;

    /** Built once from the repository: the hand links name entities of the curated sources (rare-earths). */
    static Dataset ds;

    @TempDir
    Path tmp;

    @BeforeAll
    static void store() {
        ds = LinkFixtures.repositoryStore();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    private List<String> rows(String select) {
        List<String> out = new ArrayList<>();
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(PREFIXES + select).build()) {
                var rs = qe.execSelect();
                rs.forEachRemaining(r -> {
                    List<String> cells = new ArrayList<>();
                    rs.getResultVars().forEach(v -> cells.add(!r.contains(v) ? "" : r.get(v).isLiteral() ? r.getLiteral(v).getLexicalForm()
                            : r.getResource(v).getURI().replace(Rekg.ID, "")));
                    out.add(String.join(" | ", cells));
                });
            }
        });
        return out;
    }

    @Test
    void statesGetWikidataAndGeonamesAndElementsMinmodWithHowEachLinkWasMade() {
        new ReferenceLinker(ds, LinkFixtures.REFERENCE).run(WHEN);
        assertEquals(List.of("http://www.wikidata.org/entity/Q148 | https://sws.geonames.org/1814991/"), rows("""
                SELECT ?wd ?gn { <https://w3id.org/rekg/id/state/CN> owl:sameAs ?wd ; skos:exactMatch ?gn }"""));
        assertEquals(List.of("https://minmod.isi.edu/resource/Q690 | Q690 | linkmethod/identifier-match | 1.0 | 2026-01-01T00:00:00Z"), rows("""
                SELECT ?o ?id ?m ?score ?when { <https://w3id.org/rekg/id/element/Nd> skos:exactMatch ?o ; rekg:minmodId ?id .
                  ?l rdf:subject <https://w3id.org/rekg/id/element/Nd> ; rdf:object ?o ; rekg:linkMethod ?m ; rekg:linkScore ?score ; dct:created ?when }"""));
        assertEquals(List.of("https://minmod.isi.edu/resource/Q618 | linkmethod/by-hand"), rows("""
                SELECT ?o ?m { <https://w3id.org/rekg/id/rare-earths> skos:closeMatch ?o . ?l rdf:object ?o ; rekg:linkMethod ?m }"""));
    }

    @Test
    void eachLinkSetIsDescribedWithVoid() {
        new ReferenceLinker(ds, LinkFixtures.REFERENCE).run(WHEN);
        List<String> sets = rows("""
                SELECT ?set ?p ?subj ?obj { GRAPH ?g { ?ds void:subset ?set . ?set a void:Linkset ; void:linkPredicate ?p ;
                  void:subjectsTarget ?subj ; void:objectsTarget ?obj } } ORDER BY ?set""");
        assertEquals(List.of(
                "https://w3id.org/rekg/graph/linkset/reference-geonames#exactMatch | http://www.w3.org/2004/02/skos/core#exactMatch | dataset/rekg | dataset/geonames",
                "https://w3id.org/rekg/graph/linkset/reference-minmod#closeMatch | http://www.w3.org/2004/02/skos/core#closeMatch | dataset/rekg | dataset/minmod",
                "https://w3id.org/rekg/graph/linkset/reference-minmod#exactMatch | http://www.w3.org/2004/02/skos/core#exactMatch | dataset/rekg | dataset/minmod",
                "https://w3id.org/rekg/graph/linkset/reference-wikidata#sameAs | http://www.w3.org/2002/07/owl#sameAs | dataset/rekg | dataset/wikidata"), sets);
        // void:triples counts the links of each subset
        assertEquals(List.of("1"), rows("SELECT ?n { <https://w3id.org/rekg/graph/linkset/reference-minmod#closeMatch> void:triples ?n }"));
    }

    private Path referenceWith(String handLinks) throws IOException {
        Path dir = tmp.resolve("reference");
        Files.createDirectories(dir);
        Files.copy(LinkFixtures.REFERENCE.resolve("minmod-commodity.csv"), dir.resolve("minmod-commodity.csv"));
        Files.writeString(dir.resolve("links-by-hand.csv"), "subject,predicate,object,evidence\n" + handLinks);
        return dir;
    }

    @Test
    void aHandLinkFromAnIsoCodeThatIsNotOneIsRefusedAndNothingIsWritten() throws IOException {
        Path dir = referenceWith("state/XK,owl:sameAs,http://www.wikidata.org/entity/Q1246,checked\n");
        long before = LinkFixtures.quads(ds);
        RekgException e = assertThrows(RekgException.class, () -> new ReferenceLinker(ds, dir).run(WHEN));
        assertEquals(ErrorCode.INVALID_IDENTIFIER, e.code());
        assertEquals("links-by-hand.csv row 2: no REKG entity 'state/XK' ('XK' is not an ISO 3166-1 code in country-codes.csv)", e.getMessage());
        assertEquals(before, LinkFixtures.quads(ds));
    }

    @Test
    void aHandLinkToAnLeiWithABadChecksumIsRefused() throws IOException {
        Path dir = referenceWith("state/FR,skos:closeMatch,https://lei.info/INR2EJN1ERAN0W5ZP975,checked\n");
        RekgException e = assertThrows(RekgException.class, () -> new ReferenceLinker(ds, dir).run(WHEN));
        assertEquals(ErrorCode.INVALID_IDENTIFIER, e.code());
        assertTrue(e.getMessage().contains("has wrong check digits"), e.getMessage());
    }

    @Test
    void aHandLinksFileWithoutItsColumnsIsRefused() throws IOException {
        Path dir = referenceWith("");
        Files.writeString(dir.resolve("links-by-hand.csv"), "from,to\nstate/FR,http://www.wikidata.org/entity/Q142\n");
        RekgException e = assertThrows(RekgException.class, () -> new ReferenceLinker(ds, dir).run(WHEN));
        assertEquals(ErrorCode.IMPORT_FORMAT, e.code());
        assertTrue(e.getMessage().contains("missing column(s) subject, predicate, object, evidence"), e.getMessage());
    }
}

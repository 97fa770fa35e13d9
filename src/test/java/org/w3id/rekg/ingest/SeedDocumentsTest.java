package org.w3id.rekg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3id.rekg.vocab.Rekg;

/**
 * Every named entity curated from a seed document is found mentioned in it. "Named" entities are
 * the actors, places (sites included) and materials the claims derived from the document are
 * about, that have a label, that the linker links at all (see {@link Gazetteer#LINKED}), and whose
 * labels include a proper name: not the records our curators described in their own words
 * because the document gives no name ("unnamed Canadian company refining in Narva", "Geneva
 * metals trading hub"). A few named entities the document refers to without their name are
 * listed, with how it refers to them, in {@link #NOT_NAMED_IN_TEXT}; the test prints them.
 * Skipped when ../shared/seeds is absent.
 */
class SeedDocumentsTest {
    private static final Path SEEDS = TestGraph.projectDir().resolve("../shared/seeds");
    /** Named entities the document refers to without their name, and how it refers to them. */
    static final java.util.Map<String, String> NOT_NAMED_IN_TEXT = java.util.Map.of(
            "ursula-von-der-leyen", "named only by her office, president of the European Commission",
            "us-congress", "referred to as the members of parliament",
            "western-australia", "referred to as the west of Australia",
            "middle-corridor", "its quoted name is cut in two by a page of footnotes in the text",
            "emmanuel-macron", "named only inside a footnote's URL, where the linker does not look");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lepesant-2025, 000_648d6afc6e0a8cf6.txt", "bara-2025, 003_12962da45982dad8.txt"})
    void everyNamedEntityCuratedFromTheDocumentIsMentionedInIt(String sourceId, String fileName) throws IOException {
        Path file = SEEDS.resolve(fileName);
        assumeTrue(Files.isRegularFile(file), "no seed document " + file);
        Gazetteer g = TestGraph.gazetteer();
        String text = Files.readString(file);
        Set<String> found = new TreeSet<>();
        new EntityLinker(g).link(text, "fr").forEach(m -> found.add(m.entity()));
        Set<String> missing = new TreeSet<>();
        Set<String> expected = curated(sourceId);
        for (String id : expected) {
            if (!found.contains(id)) {
                missing.add(id);
            }
        }
        System.out.printf("%s: %d named entities curated, %d found; not found: %s%n", sourceId, expected.size(),
                expected.size() - missing.size(), missing);
        missing.removeAll(NOT_NAMED_IN_TEXT.keySet());
        assertEquals(Set.of(), missing);
    }

    /** The named entities the document's claims are about. */
    static Set<String> curated(String sourceId) {
        Set<String> out = new TreeSet<>();
        var ds = TestGraph.dataset();
        String q = "PREFIX rekg: <" + Rekg.NS + "> PREFIX prov: <" + Rekg.PROV + ">\n"
                + "SELECT DISTINCT ?e { ?c prov:wasDerivedFrom <" + Rekg.ID + "source/" + sourceId + "> ; rekg:about ?e . }";
        Gazetteer g = TestGraph.gazetteer();
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                qe.execSelect().forEachRemaining(r -> {
                    String id = r.getResource("e").getURI().substring(Rekg.ID.length());
                    Gazetteer.Entity e = g.entity(id);
                    if (e != null && (e.is("Actor") || e.is("Place") || e.is("Material")) && named(e)) {
                        out.add(id);
                    }
                });
            }
        });
        return out;
    }

    private static final Set<String> FUNCTION_WORDS = Set.of("de", "du", "des", "la", "le", "les", "of", "the", "and",
            "et", "von", "der", "van", "d", "l");

    /**
     * Whether {@code e} has a proper name: an element or material group, or a label, altLabel or
     * alias (a final parenthesis dropped) of at most five words, each capitalised or a function word.
     */
    static boolean named(Gazetteer.Entity e) {
        if (e.is("ChemicalElement") || e.is("MaterialGroup")) {
            return true;
        }
        for (String label : e.names()) {
            String name = label.replaceAll("\\s*\\([^)]*\\)$", "");
            Tokens t = Tokens.of(name);
            boolean proper = t.size() >= 1 && t.size() <= 5;
            for (int i = 0; i < t.size() && proper; i++) {
                proper = t.casing(i) != Tokens.LOWER || i > 0 && FUNCTION_WORDS.contains(t.norm(i));
            }
            if (proper) {
                return true;
            }
        }
        return false;
    }
}

package org.w3id.rekg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityLinkerTest {
    private static List<String> linked(String text, String lang) {
        return new EntityLinker(TestGraph.gazetteer()).link(text, lang).stream()
                .map(m -> m.anchor() + "=" + m.entity()).toList();
    }

    @Test
    void linksFrenchNamesThroughElisionAndAccents() {
        assertEquals(List.of("Estonie=state/EE", "Australie=state/AU", "Etats-Unis=state/US"),
                linked("Le raffinage de l'Estonie, les mines d'Australie et les Etats-Unis.", "fr"));
    }

    @Test
    void linksPluralsAndMultiWordNamesLongestFirst() {
        assertEquals(List.of("rare earth=rare-earths", "Mountain Pass mine=mountain-pass", "MP Materials=mp-materials"),
                linked("One rare earth from the Mountain Pass mine of MP Materials.", "en"));
    }

    @Test
    void linksAbbreviationsOnlyInCapitals() {
        assertEquals(List.of("MOFCOM=mofcom", "DoD=us-dod", "US=state/US"),
                linked("MOFCOM answered the DoD; let us see what the US does.", "en"));
    }

    @Test
    void doesNotTakeCommonWordsForNames() {
        assertEquals(List.of(), linked("Or la réunion a eu lieu, or nothing was said at the meeting.", "fr"));
    }

    @Test
    void linksNothingToAnEntityTheGraphLacks() {
        Gazetteer g = TestGraph.gazetteer();
        for (var m : new EntityLinker(g).link("Lynas, Iluka, Arafura and Neo Performance Materials in Estonia.", "en")) {
            var dsg = TestGraph.dataset().asDatasetGraph();
            assertTrue(org.apache.jena.system.Txn.calculateRead(dsg,
                    () -> dsg.find(null, org.w3id.rekg.vocab.Rekg.id(m.entity()), null, null).hasNext()), m.entity());
        }
        assertEquals(List.of("Lynas=lynas-rare-earths", "Neo Performance Materials=neo-performance-materials", "Estonia=state/EE"),
                linked("Lynas, Iluka, Arafura and Neo Performance Materials in Estonia.", "en"));
    }

    @Test
    void skipsNamesInsideUrls() {
        assertEquals(List.of("Janet Yellen=janet-yellen"),
                linked("Janet Yellen spoke (https://example.org/janet-yellen-us-treasury-china).", "en"));
    }

    @Test
    void linksAContextualAliasOnlyBesideAGraphNeighbour() {
        assertEquals(List.of(), linked("Le ministère de la Défense a publié un rapport.", "fr"));
        assertEquals(List.of("États-Unis=state/US", "ministère de la Défense=us-dod"),
                linked("Aux États-Unis, le ministère de la Défense a publié un rapport.", "fr"));
    }
}

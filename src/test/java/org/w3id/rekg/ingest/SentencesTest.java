package org.w3id.rekg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {
    private static List<String> sentences(String text, String lang) {
        return Sentences.split(text, lang).stream().map(s -> text.substring(s.begin(), s.end())).toList();
    }

    @Test
    void englishAbbreviationsDoNotEndASentence() {
        assertEquals(List.of("The U.S. Department of Defense and MP Materials Corp. signed a deal with Sojitz Corp. in July.",
                        "It makes the DoD the largest shareholder of the company near Mt. Weld.", "Shares rose."),
                sentences("The U.S. Department of Defense and MP Materials Corp. signed a deal with Sojitz Corp. in July. "
                        + "It makes the DoD the largest shareholder of the company near Mt. Weld. Shares rose.", "en"));
    }

    @Test
    void frenchAbbreviationsDoNotEndASentence() {
        assertEquals(List.of("M. Saint Martin et Mme Pannier-Runacher ont posé la première pierre, cf. p. 3 du dossier.",
                        "Elle est à Lacq."),
                sentences("M. Saint Martin et Mme Pannier-Runacher ont posé la première pierre, cf. p. 3 du dossier. Elle est à Lacq.", "fr"));
    }

    @Test
    void hardWrappedLinesAreJoinedAndHeadingsStayApart() {
        String text = "Rare earths in 2025\n\nThe Department of Defense will invest 400 million dollars in\n"
                + "MP Materials, the operator of the mine. A loan follows.\n";
        assertEquals(List.of("Rare earths in 2025", "The Department of Defense will invest 400 million dollars in\n"
                        + "MP Materials, the operator of the mine.", "A loan follows."), sentences(text, "en"));
    }

    @Test
    void aBlankLineAfterEveryLineDoesNotCutSentences() {
        String text = "La Chine a restreint ses exportations de\n\nterres rares en avril.\n\nUn soutien franco-japonais\n\n"
                + "La France a accordé 106 millions d'euros.\n";
        assertEquals(List.of("La Chine a restreint ses exportations de\n\nterres rares en avril.", "Un soutien franco-japonais",
                "La France a accordé 106 millions d'euros."), sentences(text, "fr"));
    }
}

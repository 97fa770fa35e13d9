package org.w3id.rekg.ingest;

import org.w3id.rekg.bench.IngestBench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quality on the annotated test set of src/test/resources/ingest (a quality test, not a timed one). */
class IngestQualityTest {
    private static List<IngestBench.GoldDoc> docs;
    private static IngestBench.Quality quality;

    @BeforeAll
    static void score() {
        docs = IngestBench.load(TestGraph.projectDir().resolve("src/test/resources/ingest"));
        IngestService service = new IngestService(TestGraph.dataset(), TestGraph.gazetteer(), IngestService.Options.defaults());
        quality = new IngestBench(service).quality(docs);
        System.out.printf("mentions P %.3f R %.3f F1 %.3f; claims P %.3f R %.3f F1 %.3f%n",
                quality.mentions().precision(), quality.mentions().recall(), quality.mentions().f1(),
                quality.claims().precision(), quality.claims().recall(), quality.claims().f1());
        quality.mentions().falsePositives().forEach(x -> System.out.println("  wrong mention:  " + x));
        quality.mentions().falseNegatives().forEach(x -> System.out.println("  missed mention: " + x));
        quality.claims().falsePositives().forEach(x -> System.out.println("  wrong claim:  " + x));
        quality.claims().falseNegatives().forEach(x -> System.out.println("  missed claim: " + x));
    }

    @Test
    void testSetHasEightDocumentsInBothLanguagesAndSixtyMentions() {
        assertTrue(docs.size() >= 8, "documents: " + docs.size());
        assertEquals(List.of("en", "fr"), docs.stream().map(IngestBench.GoldDoc::lang).distinct().sorted().toList());
        assertTrue(docs.stream().mapToInt(d -> d.mentions().size()).sum() >= 60);
        assertTrue(docs.stream().mapToInt(d -> d.claims().size()).sum() >= 10);
    }

    @Test
    void mentionF1IsAtLeastPointNine() {
        assertTrue(quality.mentions().f1() >= 0.9, "mention F1 " + quality.mentions().f1());
    }

    @Test
    void claimPrecisionIsAtLeastPointEight() {
        assertTrue(quality.claims().precision() >= 0.8, "claim precision " + quality.claims().precision());
    }
}

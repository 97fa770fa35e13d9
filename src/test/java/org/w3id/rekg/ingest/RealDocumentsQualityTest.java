package org.w3id.rekg.ingest;

import org.w3id.rekg.bench.IngestBench;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality on the real public documents of src/test/resources/ingest-real: the development set and
 * the held-out set, scored separately (figures recorded in docs/ingest.md; a quality test, not a timed one).
 */
class RealDocumentsQualityTest {
    private static IngestBench.Quality dev;
    private static IngestBench.Quality held;
    private static List<IngestBench.GoldDoc> devDocs;
    private static List<IngestBench.GoldDoc> heldDocs;

    @BeforeAll
    static void score() {
        devDocs = IngestBench.load(TestGraph.projectDir().resolve("src/test/resources/ingest-real/dev"));
        heldDocs = IngestBench.load(TestGraph.projectDir().resolve("src/test/resources/ingest-real/test"));
        IngestBench bench = new IngestBench(new IngestService(TestGraph.dataset(), TestGraph.gazetteer(), IngestService.Options.defaults()));
        dev = bench.quality(devDocs);
        held = bench.quality(heldDocs);
        for (var q : List.of(dev, held)) {
            System.out.printf("%s: mentions P %.3f R %.3f F1 %.3f; claims P %.3f R %.3f (%d/%d)%n", q == dev ? "dev" : "held-out",
                    q.mentions().precision(), q.mentions().recall(), q.mentions().f1(),
                    q.claims().precision(), q.claims().recall(), q.claims().tp(), q.claims().tp() + q.claims().fn());
            q.mentions().falsePositives().forEach(x -> System.out.println("  wrong mention:  " + x));
            q.mentions().falseNegatives().forEach(x -> System.out.println("  missed mention: " + x));
            q.claims().falsePositives().forEach(x -> System.out.println("  wrong claim:  " + x));
            q.claims().falseNegatives().forEach(x -> System.out.println("  missed claim: " + x));
        }
    }

    @Test
    void theRealSetHasEightDevelopmentAndFourHeldOutDocumentsHalfFrenchHalfEnglish() {
        assertEquals(8, devDocs.size());
        assertEquals(4, heldDocs.size());
        assertEquals(List.of("en", "en", "fr", "fr"), heldDocs.stream().map(IngestBench.GoldDoc::lang).sorted().toList());
        assertEquals(List.of("en", "en", "en", "en", "fr", "fr", "fr", "fr"), devDocs.stream().map(IngestBench.GoldDoc::lang).sorted().toList());
    }
}

package org.w3id.rekg.ingest;

import org.w3id.rekg.pipeline.BuildService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.store.ProjectLayout;

class ReviewServiceTest {
    @TempDir
    Path tmp;

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<ReviewService.Item> note(List<ReviewService.Item> items) {
        return items.stream().filter(c -> c.docId().equals("note")).toList();
    }

    @Test
    void acceptingACandidateAppendsACheckedRecordWithItsLocatorToSourcesAccepted() throws IOException {
        Path project = tmp.resolve("project");
        copyTree(TestGraph.projectDir().resolve("ontology"), project.resolve("ontology"));
        copyTree(TestGraph.projectDir().resolve("sources"), project.resolve("sources"));
        Path doc = tmp.resolve("note.txt");
        Files.writeString(doc, "A short note.\n\nIn 2024, JOGMEC holds a 30 % stake in Caremag. The Mount Weld mine in Western Australia is busy.\n");
        Dataset ds = TestGraph.dataset(); // shared store; the document name "note" is used by no other test
        new IngestService(ds, TestGraph.gazetteer(), IngestService.Options.defaults()).ingest(List.of(doc), r -> { });
        ReviewService review = new ReviewService(ds, new ProjectLayout(project), () -> new BuildService(new ProjectLayout(project)).compile());
        List<ReviewService.Item> pending = note(review.list(true));
        assertEquals(List.of("note-1 stake", "note-2 site-place"), pending.stream().map(c -> c.id() + " " + c.pattern()).toList());
        assertEquals(Map.of("holder", List.of("jogmec"), "target", List.of("caremag"), "share", List.of("30")), pending.get(0).values());

        ReviewService.Accepted a = review.accept("note-1");
        review.accept("note-2");
        assertEquals(project.resolve("sources/accepted/note.yaml"), a.file());
        String yaml = Files.readString(a.file());
        assertTrue(yaml.contains("  id: doc-note\n"), yaml);
        // the graph has JOGMEC's stake in Caremag (without a share): the record adds the share to it
        assertEquals("jogmec-stake-caremag", a.mergedInto());
        assertTrue(yaml.contains("  - id: note-c1\n    subject: jogmec-stake-caremag\n    at: chars 15-61, sentence 2\n    share: 30\n"), yaml);
        assertTrue(yaml.contains("  - id: note-c2\n    subject: mount-weld\n"), yaml);
        assertEquals(List.of(), note(review.list(true)));
        RekgException again = assertThrows(RekgException.class, () -> review.accept("note-1"));
        assertEquals(ErrorCode.REVIEW_CANDIDATE, again.code());
        assertFalse(Files.exists(TestGraph.projectDir().resolve("sources/accepted/note.yaml")));
    }

    @Test
    void theAcceptedSourceHeaderTakesTitlePublisherDateAndUrlFromHtmlMetaTags() throws IOException {
        Path project = tmp.resolve("project");
        copyTree(TestGraph.projectDir().resolve("ontology"), project.resolve("ontology"));
        copyTree(TestGraph.projectDir().resolve("sources"), project.resolve("sources"));
        Path doc = tmp.resolve("meta-note.html");
        Files.writeString(doc, """
                <html><head><title>Lynas and Caremag | Example News</title>
                <meta property="og:title" content="Lynas buys into Caremag">
                <meta property="og:site_name" content="Example News">
                <meta property="article:published_time" content="2025-11-03T08:15:00+00:00">
                <meta name="author" content="A. Writer">
                <link rel="canonical" href="https://news.example.org/lynas-caremag">
                </head><body><p>In 2024, Lynas holds a 12.5 % stake in Caremag.</p></body></html>
                """);
        Dataset ds = TestGraph.dataset();
        new IngestService(ds, TestGraph.gazetteer(), IngestService.Options.defaults()).ingest(List.of(doc), r -> { });
        ProjectLayout layout = new ProjectLayout(project);
        ReviewService review = new ReviewService(ds, layout, () -> new BuildService(layout).compile());
        ReviewService.Accepted a = review.accept("meta-note-1");
        assertEquals(List.of(), a.missingMetadata());
        String yaml = Files.readString(a.file());
        assertTrue(yaml.contains("""
                source:
                  id: doc-meta-note
                  title: Lynas buys into Caremag
                  creator: A. Writer
                  publisher: Example News
                  issued: 2025-11-03
                  language: en
                  url: https://news.example.org/lynas-caremag
                """), yaml);
    }
}

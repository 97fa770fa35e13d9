package org.w3id.rekg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.ownership.ReasonService;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * Accepting a candidate the graph already holds adds a claim to the existing record (the
 * Department of Defense's 15 % in MP Materials stays 15 %, not 30 %); another value is kept beside
 * it and flagged by query 05; two records of one stake are counted once by the ownership sums.
 */
class AcceptMergeTest {
    @TempDir
    Path tmp;

    private Path project() throws IOException {
        Path project = tmp.resolve("project");
        for (String dir : List.of("ontology", "sources", "queries")) {
            Path from = TestGraph.projectDir().resolve(dir);
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = project.resolve(dir).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        return project;
    }

    /** Ingests one sentence as the document {@code name}, accepts its stake candidate, rebuilds. */
    private static Dataset acceptStake(Path project, Path tmp, String name, String text, ReviewService.Accepted[] out)
            throws IOException {
        ProjectLayout layout = new ProjectLayout(project);
        Dataset ds = Store.inMemory();
        new BuildService(layout).build(ds);
        Path doc = tmp.resolve(name + ".txt");
        Files.writeString(doc, text);
        new IngestService(ds, Gazetteer.load(ds), IngestService.Options.defaults()).ingest(List.of(doc), r -> { });
        ReviewService review = new ReviewService(ds, layout, () -> new BuildService(layout).compile());
        List<ReviewService.Item> stakes = review.list(true).stream().filter(c -> c.pattern().equals("stake")).toList();
        assertEquals(1, stakes.size(), stakes.toString());
        out[0] = review.accept(stakes.get(0).id());
        Dataset rebuilt = Store.inMemory();
        new BuildService(layout).build(rebuilt);
        return rebuilt;
    }

    private static String effective(Dataset ds) {
        String explain = new ReasonService().explain(ds, "us-dod", "mp-materials");
        return explain.lines().filter(l -> l.contains("effective share")).findFirst().orElseThrow().strip();
    }

    private static List<String> stakeDisagreements(Path project, Dataset ds) throws IOException {
        String q = Files.readString(project.resolve("queries/05-disagreements.rq"));
        return Txn.calculateRead(ds, () -> {
            List<String> rows = new ArrayList<>();
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    if (s.getLiteral("topic").getString().equals("share of a stake")) {
                        rows.add(s.getLiteral("actor").getString() + " | " + s.getLiteral("stage").getString() + " | "
                                + s.getLiteral("valueA").getString() + " " + s.getLiteral("sourceA").getString() + " | "
                                + s.getLiteral("valueB").getString() + " " + s.getLiteral("sourceB").getString());
                    }
                }
            }
            return rows;
        });
    }

    @Test
    void acceptingTheDodStakeTheGraphHoldsAddsASourceAndTheShareStaysFifteenPercent() throws IOException {
        Path project = project();
        ReviewService.Accepted[] a = new ReviewService.Accepted[1];
        Dataset ds = acceptStake(project, tmp, "dod-note",
                "The United States Department of Defense holds a 15 % stake in MP Materials.\n", a);
        assertEquals("us-dod-stake-mp-materials", a[0].mergedInto());
        assertEquals(false, a[0].disagrees());
        String yaml = Files.readString(a[0].file());
        assertEquals(true, yaml.contains("  - id: dod-note-c1\n    subject: us-dod-stake-mp-materials\n    at: chars 0-75, sentence 1\n    share: 15\n"), yaml);
        assertEquals("effective share (every walk, cycles included, no double counting): 15 %", effective(ds));
        assertEquals(List.of(), stakeDisagreements(project, ds));
    }

    @Test
    void anotherShareForTheSameStakeIsKeptBesideItAndFlaggedAsADisagreement() throws IOException {
        Path project = project();
        ReviewService.Accepted[] a = new ReviewService.Accepted[1];
        Dataset ds = acceptStake(project, tmp, "dod-twenty",
                "The United States Department of Defense holds a 20 % stake in MP Materials.\n", a);
        assertEquals("us-dod-stake-mp-materials", a[0].mergedInto());
        assertEquals(true, a[0].disagrees());
        assertEquals(List.of(
                        "US Department of Defense | MP Materials | 15.0 stocktitan-2025-07-mp-8k | 20.0 doc-dod-twenty",
                        "US Department of Defense | MP Materials | 15.0 wyomingstar-2025-07-10-mp-dod | 20.0 doc-dod-twenty"),
                stakeDisagreements(project, ds));
        assertEquals("effective share (every walk, cycles included, no double counting): between 15 and 20 %", effective(ds));
    }

    @Test
    void twoRecordsOfOneStakeFromTwoSourcesAreCountedOnce() throws IOException {
        Path project = project();
        Files.createDirectories(project.resolve("sources/accepted"));
        Files.writeString(project.resolve("sources/accepted/copy.yaml"), """
                source:
                  id: doc-copy
                  title: A second record of the DoD stake
                  kind: background
                records:
                  - id: copy-c1
                    a: Stake
                    at: "chars 0-10, sentence 1"
                    label: {en: DoD stake in MP Materials, fr: participation du Pentagone dans MP Materials}
                    holder: us-dod
                    target: mp-materials
                    share: 15
                """);
        Dataset ds = Store.inMemory();
        new BuildService(new ProjectLayout(project)).build(ds);
        assertEquals("effective share (every walk, cycles included, no double counting): 15 %", effective(ds));
    }

    @Test
    void aStakeTheGraphLacksBecomesANewRecordWithItsShareAsANumber() throws IOException {
        Path project = project();
        ReviewService.Accepted[] a = new ReviewService.Accepted[1];
        acceptStake(project, tmp, "lynas-note", "In 2024, Lynas holds a 12.5 % stake in Caremag.\n", a);
        assertNull(a[0].mergedInto());
        String yaml = Files.readString(a[0].file());
        assertEquals(true, yaml.contains("    holder: lynas-rare-earths\n    target: caremag\n    share: 12.5\n"), yaml);
    }
}

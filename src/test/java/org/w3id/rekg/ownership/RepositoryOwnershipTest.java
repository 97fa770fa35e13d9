package org.w3id.rekg.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.jena.query.Dataset;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/** Ownership computed over the repository's own curated sources, through the build. */
class RepositoryOwnershipTest {
    static Dataset ds;

    @BeforeAll
    static void build() {
        ds = Store.inMemory();
        new BuildService(new ProjectLayout(Path.of(System.getProperty("rekg.project.dir", ".")).toAbsolutePath())).build(ds);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Test
    void theBuildWritesTheOwnershipGraph() {
        long size = Txn.calculateRead(ds, () -> ds.asDatasetGraph().getGraph(ReasonService.GRAPH).size());
        assertTrue(size > 0, "graph/inferred/ownership is empty after the build");
    }

    @Test
    void theUnitedStatesHoldFifteenPercentOfMpMaterialsThroughTheDepartmentOfDefense() {
        String text = new ReasonService(LocalDate.parse("2025-12-31")).explain(ds, "state/US", "mp-materials");
        System.out.println(text);
        assertTrue(text.contains("effective share (every walk, cycles included, no double counting): 15 %"), text);
    }

    @Test
    void theShareOfTheUnitedStatesInMountainPassStaysARangeBecauseMpMaterialsShareIsUnknown() {
        String text = new ReasonService(LocalDate.parse("2025-12-31")).explain(ds, "state/US", "mountain-pass");
        System.out.println(text);
        assertTrue(text.contains("between 0 and 15 %"), text);
    }

    @Test
    void beforeJuly2025TheUnitedStatesHoldNothingInMpMaterials() {
        String text = new ReasonService(LocalDate.parse("2025-06-30")).explain(ds, "state/US", "mp-materials");
        assertTrue(text.contains("no chain of stakes leads"), text);
        assertEquals(true, text.contains("effective share (every walk, cycles included, no double counting): 0 %"), text);
    }
}

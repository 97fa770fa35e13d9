package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;
import org.w3id.rekg.store.Compaction;

/**
 * A TDB2 store keeps the space of every replaced graph; with compaction after builds, twenty
 * changed builds leave it within three times its compacted size, and {@code rekg compact} gives
 * the space back.
 */
class StoreGrowthTest {

    @Test
    void twentyChangedBuildsStayWithinThreeTimesTheCompactedSize() {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            p.withRepositorySources();
            String[] build = {"build", "-q", "--project", p.root().toString(), "--store", p.store().toString()};
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                p.source("test.yaml", TestProject.VALID.replace("A test document", "A test document, revision " + i));
                StringWriter err = new StringWriter();
                assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), build), err::toString);
                sizes.add(Compaction.sizeOnDisk(p.store()));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err),
                    "compact", "--project", p.root().toString(), "--store", p.store().toString()), err::toString);
            assertTrue(out.toString().startsWith("compacted "), out::toString);
            long compacted = Compaction.sizeOnDisk(p.store());
            long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(largest <= 3 * compacted, "the store grew to " + largest + " bytes, over 3 x its compacted size "
                    + compacted + ": " + sizes);
        }
    }
}

package org.w3id.rekg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/**
 * The query catalogue ({@code queries/*.rq}) run against the graph built from this repository's
 * own sources: each query must start with a comment block, parse without the tool's predeclared
 * prefixes (so that it also runs in the Fuseki UI), return at least one row, and return exactly
 * the rows of {@code src/test/resources/queries/<name>.expected.tsv} (header line, then the rows
 * sorted; IRIs as {@code <...>}, literals by lexical form, numbers compared by value, unbound as an empty cell).
 *
 * <p>With {@code -Drekg.updateExpected=true} the expected files are (re)written instead of
 * compared; check the differences by hand before committing them.
 */
class QueryCatalogueTest {
    static final Path REPO = Path.of(System.getProperty("rekg.project.dir", ".")).toAbsolutePath();
    static final Path QUERIES = REPO.resolve("queries");
    static final Path EXPECTED = REPO.resolve("src/test/resources/queries");
    static final boolean UPDATE = Boolean.getBoolean("rekg.updateExpected");

    static Dataset ds;

    @BeforeAll
    static void build() {
        ds = Store.inMemory();
        new BuildService(new ProjectLayout(REPO)).build(ds);
    }

    @AfterAll
    static void close() {
        if (ds != null) {
            ds.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> queries() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(QUERIES)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted().toList();
        }
        assertTrue(files.size() >= 16, "expected at least 16 queries in " + QUERIES + ", found " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.rq$", "");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("#"), name + ".rq must start with a '#' comment block (question and columns)");
        assertTrue(name.matches("\\d\\d-[a-z0-9-]+"), name + ".rq must be named NN-short-name.rq");
        // No predeclared prefixes: the file must declare its own.
        Query query = QueryFactory.create(text);
        assertTrue(query.isSelectType(), name + " must be a SELECT query");

        List<String> actual = run(query);
        assertFalse(actual.size() <= 1, name + " returned no row");

        Path expectedFile = EXPECTED.resolve(name + ".expected.tsv");
        if (UPDATE) {
            Files.createDirectories(EXPECTED);
            Files.write(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(expectedFile), "missing " + expectedFile
                + " (run the test with -Drekg.updateExpected=true to write it, then check it by hand)");
        List<String> expected = byValue(Files.readAllLines(expectedFile, StandardCharsets.UTF_8));
        actual = byValue(actual);
        List<String> missing = new java.util.ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new java.util.ArrayList<>(actual);
        extra.removeAll(expected);
        assertEquals(expected, actual, () -> name + ": the answer differs from " + expectedFile.getFileName()
                + "\n  missing rows:\n    " + String.join("\n    ", missing)
                + "\n  unexpected rows:\n    " + String.join("\n    ", extra));
    }

    /**
     * The lines with every number written by value ({@code 40.0} and {@code 40} are the same answer:
     * stores differ in the lexical form they give back), sorted again.
     */
    static List<String> byValue(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].matches("-?\\d+\\.\\d+")) {
                    java.math.BigDecimal d = new java.math.BigDecimal(cells[i]);
                    cells[i] = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
                }
            }
            out.add(String.join("\t", cells));
        }
        List<String> rows = new ArrayList<>(out.subList(Math.min(1, out.size()), out.size()));
        rows.sort(null);
        List<String> sorted = new ArrayList<>(out.subList(0, Math.min(1, out.size())));
        sorted.addAll(rows);
        return sorted;
    }

    /** The header line, then the rows as TSV, sorted. */
    private static List<String> run(Query query) {
        return Txn.calculateRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(query).build()) {
                ResultSet rs = qe.execSelect();
                List<String> vars = rs.getResultVars();
                List<String> rows = new ArrayList<>();
                while (rs.hasNext()) {
                    QuerySolution sol = rs.next();
                    List<String> cells = new ArrayList<>();
                    for (String v : vars) {
                        cells.add(cell(sol.get(v)));
                    }
                    rows.add(String.join("\t", cells));
                }
                rows.sort(null);
                List<String> out = new ArrayList<>();
                out.add(String.join("\t", vars.stream().map(v -> "?" + v).toList()));
                out.addAll(rows);
                return out;
            }
        });
    }

    private static String cell(RDFNode value) {
        if (value == null) {
            return "";
        }
        Node n = value.asNode();
        if (n.isURI()) {
            return "<" + n.getURI() + ">";
        }
        if (n.isLiteral()) {
            return n.getLiteralLexicalForm().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
        return "_:b"; // blank nodes: no stable label
    }
}

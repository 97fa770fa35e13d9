package org.w3id.rekg.remote;

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
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;

/** The query catalogue ({@code queries/*.rq}) and its answers as sorted rows of values ({@link ValueForm}). */
final class Catalogue {
    private Catalogue() {}

    static List<Path> queries(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("queries"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted().toList();
        }
    }

    /** The answer on the embedded store (its default graph: the union of the named graphs). */
    static List<String> rows(Dataset ds, String query) {
        return Txn.calculateRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(query).build()) {
                ResultSet rs = qe.execSelect();
                List<String> rows = new ArrayList<>();
                while (rs.hasNext()) {
                    QuerySolution sol = rs.next();
                    List<String> cells = new ArrayList<>();
                    for (String v : rs.getResultVars()) {
                        cells.add(ValueForm.of(sol.get(v) == null ? null : sol.get(v).asNode()));
                    }
                    rows.add(String.join("\t", cells));
                }
                rows.sort(null);
                return rows;
            }
        });
    }

    /** The answer of a remote store. */
    static List<String> rows(RowSet rs) {
        List<String> rows = new ArrayList<>();
        while (rs.hasNext()) {
            Binding b = rs.next();
            List<String> cells = new ArrayList<>();
            for (var v : rs.getResultVars()) {
                cells.add(ValueForm.of(b.get(v)));
            }
            rows.add(String.join("\t", cells));
        }
        rows.sort(null);
        return rows;
    }
}

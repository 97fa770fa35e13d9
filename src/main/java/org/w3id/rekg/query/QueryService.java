package org.w3id.rekg.query;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Runs a SPARQL query against the store, in process, and writes the answer as a text table,
 * CSV, TSV or SPARQL JSON (CONSTRUCT and DESCRIBE answers as Turtle). The REKG prefixes are
 * predeclared so short queries can use {@code rekg:}, {@code id:} and the usual vocabularies.
 *
 * <pre>{@code
 * new QueryService(dataset).run("SELECT ?s { ?s a rekg:Mine }", QueryService.Format.CSV, System.out);
 * }</pre>
 */
public final class QueryService {
    /** Output formats. */
    public enum Format { TABLE, CSV, TSV, JSON }

    /** Prefixes every query may use without declaring them. */
    public static final String PREFIXES = """
            PREFIX rekg: <%s>
            PREFIX id: <%s>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX org: <http://www.w3.org/ns/org#>
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            """.formatted(Rekg.NS, Rekg.ID);

    private final Dataset dataset;
    private long timeoutMillis = 30_000;
    private java.util.Set<String> allowService = java.util.Set.of();

    public QueryService(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Stops a query that runs longer than this; default 30 s. */
    public QueryService timeout(long millis) {
        this.timeoutMillis = millis;
        return this;
    }

    /**
     * SPARQL endpoints that {@code SERVICE} may call; default none, and a query with any other
     * {@code SERVICE} (or one whose endpoint is a variable) is refused before it runs.
     */
    public QueryService allowService(java.util.Collection<String> endpoints) {
        this.allowService = java.util.Set.copyOf(endpoints);
        return this;
    }

    /** Refuses {@code SERVICE} clauses whose endpoint is not in the allowed list. */
    private void checkService(Query query) {
        java.util.List<String> refused = new java.util.ArrayList<>();
        org.apache.jena.sparql.algebra.OpWalker.walk(org.apache.jena.sparql.algebra.Algebra.compile(query),
                new org.apache.jena.sparql.algebra.OpVisitorBase() {
                    @Override
                    public void visit(org.apache.jena.sparql.algebra.op.OpService op) {
                        org.apache.jena.graph.Node n = op.getService();
                        if (!n.isURI()) {
                            refused.add("SERVICE with a variable endpoint");
                        } else if (!allowService.contains(n.getURI())) {
                            refused.add("SERVICE <" + n.getURI() + ">");
                        }
                    }
                });
        if (!refused.isEmpty()) {
            throw new RekgException(ErrorCode.QUERY, String.join(", ", refused) + " is not allowed"
                    + (allowService.isEmpty() ? ": SERVICE is off unless you name the endpoints with --allow-service URL"
                            : " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowService)) + ")"));
        }
    }

    /** Parses a query, adding the REKG prefixes; errors carry the line and column. */
    public static Query parse(String sparql) {
        try {
            return QueryFactory.create(PREFIXES + sparql);
        } catch (QueryParseException e) {
            int lines = (int) PREFIXES.lines().count();
            String where = e.getLine() > 0 ? "[line " + (e.getLine() - lines) + ", column " + e.getColumn() + "] " : "";
            throw new RekgException(ErrorCode.QUERY, "SPARQL syntax error " + where + problem(e.getMessage()), e);
        }
    }

    /** The parser's message without its position (given separately) and without its long list of expected tokens. */
    static String problem(String message) {
        String first = message.lines().findFirst().orElse(message).strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Encountered \" (.*?) \".*? at line \\d+, column \\d+\\.?$").matcher(first);
        if (m.find()) {
            return "unexpected " + m.group(1).strip();
        }
        return first.replaceFirst("^Lexical error at line \\d+, column \\d+\\.\\s*", "");
    }

    /** Runs {@code sparql} and writes the answer in {@code format}. */
    public void run(String sparql, Format format, OutputStream out) {
        Query query = parse(sparql);
        checkService(query);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = QueryExecution.dataset(dataset).query(query)
                    .set(org.apache.jena.query.ARQ.httpServiceAllowed, !allowService.isEmpty())
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS).build()) {
                if (query.isSelectType()) {
                    ResultSet rs = qe.execSelect();
                    switch (format) {
                        case TABLE -> ResultSetFormatter.out(print, rs, query.getPrologue());
                        case CSV -> ResultSetMgr.write(print, rs, ResultSetLang.RS_CSV);
                        case TSV -> ResultSetMgr.write(print, rs, ResultSetLang.RS_TSV);
                        case JSON -> ResultSetMgr.write(print, rs, ResultSetLang.RS_JSON);
                    }
                } else if (query.isAskType()) {
                    boolean yes = qe.execAsk();
                    if (format == Format.JSON) {
                        ResultSetMgr.write(print, yes, ResultSetLang.RS_JSON);
                    } else {
                        print.println(yes ? "yes" : "no");
                    }
                } else if (query.isConstructType() || query.isDescribeType()) {
                    var model = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                    RDFDataMgr.write(print, model, format == Format.JSON ? Lang.JSONLD : Lang.TURTLE);
                } else {
                    throw new RekgException(ErrorCode.QUERY, "only SELECT, ASK, CONSTRUCT and DESCRIBE are supported");
                }
            } catch (org.apache.jena.query.QueryCancelledException e) {
                throw new RekgException(ErrorCode.QUERY, "the query ran longer than " + timeoutMillis + " ms and was stopped", e);
            }
        });
        print.flush();
    }

    /** Reads a format name as the command line gives it. */
    public static Format format(String name) {
        try {
            return Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RekgException(ErrorCode.USAGE, "unknown output format '" + name + "' (table, csv, tsv, json)");
        }
    }
}

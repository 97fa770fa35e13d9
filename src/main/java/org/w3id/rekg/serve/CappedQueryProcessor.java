package org.w3id.rekg.serve;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.web.HttpSC;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The SPARQL query processor of the server: Fuseki's dataset query processor with a cap on the
 * number of result rows.
 * <p>
 * Fuseki has no built-in result cap, so the cap is applied to the query itself: a SELECT,
 * CONSTRUCT or DESCRIBE query without {@code LIMIT}, or with a larger one, is run with
 * {@code LIMIT cap} (for CONSTRUCT and DESCRIBE this caps the solutions of the WHERE clause).
 * A smaller {@code LIMIT} of the request is kept. When the cap was applied, the response has the
 * header {@value #CAP_HEADER}. A CONSTRUCT query's cap counts triples: its solutions are limited
 * to the cap divided by the size of its template, so that a large template cannot multiply the
 * answer. Every query is registered with {@link RunningQueries} while it runs, so that the memory
 * guard can cancel it.
 */
final class CappedQueryProcessor extends SPARQL_QueryDataset {

    /** Response header set when the server lowered the query's limit to its cap. */
    static final String CAP_HEADER = "X-REKG-Result-Cap";

    private final long cap;
    private final RunningQueries running;

    CappedQueryProcessor(long cap, RunningQueries running) {
        this.cap = cap;
        this.running = running;
    }

    /** The most solutions {@code q} may have: the cap, or for CONSTRUCT the cap over the template's size. */
    static long solutionCap(Query q, long cap) {
        if (q.isConstructType() && q.getConstructTemplate() != null) {
            int size = Math.max(1, q.getConstructTemplate().getTriples().size());
            return Math.max(1, cap / size);
        }
        return cap;
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        QueryExec exec = super.createQueryExec(action, query, dataset);
        running.started(exec);
        return exec;
    }

    @Override
    protected void executeBody(HttpAction action) {
        try {
            super.executeBody(action);
        } catch (OutOfMemoryError e) {
            // The query's own allocations ran out; they are garbage now that it has unwound.
            ServletOps.error(HttpSC.SERVICE_UNAVAILABLE_503, "the query needed more memory than the server has; it was stopped");
        } finally {
            running.finished();
        }
    }

    @Override
    protected void executeWithParameter(HttpAction action) {
        try {
            super.executeWithParameter(action);
        } catch (OutOfMemoryError e) {
            // The query's own allocations ran out; they are garbage now that it has unwound.
            ServletOps.error(HttpSC.SERVICE_UNAVAILABLE_503, "the query needed more memory than the server has; it was stopped");
        } finally {
            running.finished();
        }
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        Pair<DatasetGraph, Query> decided = super.decideDataset(action, query, queryStringLog);
        Query q = decided.getRight() != null ? decided.getRight() : query;
        boolean cappable = q.isSelectType() || q.isConstructType() || q.isDescribeType();
        long limit = solutionCap(q, cap);
        if ( cappable && ( !q.hasLimit() || q.getLimit() > limit ) ) {
            q = q.cloneQuery();
            q.setLimit(limit);
            action.getResponse().setHeader(CAP_HEADER, Long.toString(cap));
        }
        return Pair.create(decided.getLeft(), q);
    }
}

package org.w3id.rekg.serve;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The SPARQL query processor of the server: Fuseki's dataset query processor with a cap on the
 * number of result rows.
 * <p>
 * Fuseki has no built-in result cap, so the cap is applied to the query itself: a SELECT,
 * CONSTRUCT or DESCRIBE query without {@code LIMIT}, or with a larger one, is run with
 * {@code LIMIT cap} (for CONSTRUCT and DESCRIBE this caps the solutions of the WHERE clause).
 * A smaller {@code LIMIT} of the request is kept. When the cap was applied, the response has the
 * header {@value #CAP_HEADER}.
 */
final class CappedQueryProcessor extends SPARQL_QueryDataset {

    /** Response header set when the server lowered the query's limit to its cap. */
    static final String CAP_HEADER = "X-REKG-Result-Cap";

    private final long cap;

    CappedQueryProcessor(long cap) {
        this.cap = cap;
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        Pair<DatasetGraph, Query> decided = super.decideDataset(action, query, queryStringLog);
        Query q = decided.getRight() != null ? decided.getRight() : query;
        boolean cappable = q.isSelectType() || q.isConstructType() || q.isDescribeType();
        if ( cappable && ( !q.hasLimit() || q.getLimit() > cap ) ) {
            q = q.cloneQuery();
            q.setLimit(cap);
            action.getResponse().setHeader(CAP_HEADER, Long.toString(cap));
        }
        return Pair.create(decided.getLeft(), q);
    }
}

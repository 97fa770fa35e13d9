package org.w3id.rekg.serve;

import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.service.bulk.ChainingServiceExecutorBulk;
import org.apache.jena.sparql.service.bulk.ServiceExecutorBulk;
import org.apache.jena.sparql.util.Context;

/**
 * The SPARQL {@code SERVICE} policy of the server: refuse every {@code SERVICE} clause except
 * those naming, as a constant IRI, one of the endpoints given.
 * <p>
 * It is the first link of the service executor chain installed in the dataset context, so it
 * runs before any executor that could open a network connection. When no endpoint is allowed,
 * {@link ARQ#httpServiceAllowed} is also set to false, the ARQ switch that disables HTTP
 * {@code SERVICE} calls.
 */
final class ServicePolicy implements ChainingServiceExecutorBulk {

    private final Set<String> allowed;

    private ServicePolicy(List<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** Install the policy in a context (usually the dataset context of the server). */
    static void install(Context context, List<String> allowedEndpoints) {
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.get().copy();
        registry.addBulkLink(new ServicePolicy(allowedEndpoints));
        ServiceExecutorRegistry.set(context, registry);
        context.set(ARQ.httpServiceAllowed, !allowedEndpoints.isEmpty());
    }

    @Override
    public QueryIterator createExecution(OpService opService, QueryIterator input,
                                         ExecutionContext execCxt, ServiceExecutorBulk chain) {
        Node service = opService.getService();
        if ( !service.isURI() ) {
            input.close();
            throw new QueryDeniedException("SERVICE with a variable endpoint is not allowed by this server");
        }
        if ( !allowed.contains(service.getURI()) ) {
            input.close();
            throw new QueryDeniedException("SERVICE <" + service.getURI() + "> is not allowed by this server"
                                           + (allowed.isEmpty() ? " (SERVICE is disabled)" : ""));
        }
        return chain.createExecution(opService, input, execCxt);
    }
}

package org.w3id.rekg.link;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/** Reads links from the store and replaces link-set graphs, all in one transaction. */
public final class LinkStore {
    private LinkStore() {}

    /** Every link made by hand, in any graph of the store. */
    public static List<Link> handLinks(Dataset ds) {
        return handLinks(ds, null);
    }

    /** The links made by hand in graph {@code graph} (every graph if null). */
    public static List<Link> handLinks(Dataset ds, Node graph) {
        String q = (graph == null ? "" : "") + """
                PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                SELECT DISTINCT ?s ?p ?o ?e WHERE {
                  GRAPH ?g { ?l <%1$slinkMethod> <%2$slinkmethod/by-hand> ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                             OPTIONAL { ?l <%1$smatchEvidence> ?e } }
                  %3$s
                }""".formatted(Rekg.NS, Rekg.ID, graph == null ? "" : "FILTER(?g = <" + graph.getURI() + ">)");
        List<Link> out = new ArrayList<>();
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                qe.execSelect().forEachRemaining(r -> out.add(Link.of(r.get("s").asNode(), r.get("p").asNode(),
                        r.getResource("o").getURI(), Link.Method.BY_HAND, 1.0, r.contains("e") ? r.getLiteral("e").getString() : null)));
            }
        });
        return out;
    }

    /** The REKG subjects that have a link made by hand to an IRI starting with {@code prefix}. */
    public static Set<Node> handLinkedSubjects(Dataset ds, String prefix) {
        Set<Node> out = new HashSet<>();
        for (Link l : handLinks(ds)) {
            if (l.object().getURI().startsWith(prefix)) {
                out.add(l.subject());
            }
        }
        return out;
    }

    /** Replaces the graphs of {@code sets} in one write transaction: all are written or none. */
    public static void replace(Dataset ds, List<LinkSet> sets, Instant when) {
        Map<Node, Graph> graphs = new java.util.LinkedHashMap<>();
        for (LinkSet s : sets) {
            graphs.put(s.graphName(), s.toGraph(when));
        }
        DatasetGraph dsg = ds.asDatasetGraph();
        try {
            Txn.executeWrite(dsg, () -> graphs.forEach((name, g) -> {
                dsg.removeGraph(name);
                GraphUtil.addInto(dsg.getGraph(name), g);
            }));
        } catch (RuntimeException e) {
            throw new RekgException(ErrorCode.STORE, "writing the link sets failed, nothing was changed: " + e.getMessage(), e);
        }
    }
}

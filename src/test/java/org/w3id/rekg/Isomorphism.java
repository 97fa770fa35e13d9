package org.w3id.rekg;

import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Dataset isomorphism for tests: the same graph names, and each graph isomorphic (Jena's
 * hashing graph matcher, fast on large graphs with few blank nodes).
 */
public final class Isomorphism {
    private Isomorphism() {}

    public static boolean isomorphic(DatasetGraph a, DatasetGraph b) {
        Set<Node> names = new HashSet<>();
        a.listGraphNodes().forEachRemaining(names::add);
        Set<Node> other = new HashSet<>();
        b.listGraphNodes().forEachRemaining(other::add);
        if (!names.equals(other) || !a.getDefaultGraph().isIsomorphicWith(b.getDefaultGraph())) {
            return false;
        }
        for (Node n : names) {
            if (!a.getGraph(n).isIsomorphicWith(b.getGraph(n))) {
                return false;
            }
        }
        return true;
    }
}

package org.w3id.rekg.ownership;

import org.apache.jena.graph.Node;
import org.w3id.rekg.vocab.Rekg;

/** Short names of IRIs for messages: {@code state/FI} for {@code https://w3id.org/rekg/id/state/FI}. */
final class Names {
    private Names() {}

    static String shortName(Node n) {
        if (n == null) {
            return "?";
        }
        if (n.isURI()) {
            String u = n.getURI();
            return u.startsWith(Rekg.ID) ? u.substring(Rekg.ID.length()) : u;
        }
        return n.toString();
    }
}

package org.w3id.rekg.remote;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Literals a store alters on the way in, given back in their standard form on the way out.
 * Virtuoso 7 keeps an {@code xsd:duration} or {@code xsd:yearMonthDuration} as its number of
 * months ({@code "P1Y"} comes back as {@code "12"}), an {@code xsd:dayTimeDuration} as its number of
 * seconds ({@code "P2D"} as {@code "172800.0"}), and a {@code geo:wktLiteral} retyped as
 * {@code virtrdf:Geometry}; read from Virtuoso, they are turned back into {@code "P1Y"},
 * {@code "P2D"} and {@code geo:wktLiteral}. (A duration with both a month and a day part, which
 * Virtuoso cannot keep, does not occur in REKG's sources.) Other stores' literals are left as
 * they are.
 */
final class StoreLiterals {
    static final String GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry";
    static final String WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";
    private static final String DURATION = XSDDatatype.XSDduration.getURI();
    private static final String YEAR_MONTH = XSDDatatype.XSD + "#yearMonthDuration";
    private static final String DAY_TIME = XSDDatatype.XSD + "#dayTimeDuration";

    private StoreLiterals() {}

    /** The term as REKG wrote it. */
    static Node restore(StoreKind kind, Node n) {
        if (kind != StoreKind.VIRTUOSO || n == null || !n.isLiteral()) {
            return n;
        }
        String dt = n.getLiteralDatatypeURI();
        String lex = n.getLiteralLexicalForm().strip();
        if (GEOMETRY.equals(dt)) {
            return NodeFactory.createLiteralDT(lex, NodeFactory.getType(WKT));
        }
        if ((DURATION.equals(dt) || YEAR_MONTH.equals(dt)) && lex.matches("-?\\d+")) {
            return NodeFactory.createLiteralDT(months(new BigInteger(lex)), NodeFactory.getType(dt));
        }
        if ((DURATION.equals(dt) || DAY_TIME.equals(dt)) && lex.matches("-?\\d+\\.\\d*")) {
            return NodeFactory.createLiteralDT(seconds(new BigDecimal(lex)), NodeFactory.getType(dt));
        }
        return n;
    }

    /** Every triple of {@code g} with its literals restored (the graph itself when nothing changes). */
    static Graph restore(StoreKind kind, Graph g) {
        if (kind != StoreKind.VIRTUOSO || g == null) {
            return g;
        }
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(t -> out.add(t.getSubject(), t.getPredicate(), restore(kind, t.getObject())));
        return out;
    }

    static String months(BigInteger total) {
        String sign = total.signum() < 0 ? "-" : "";
        BigInteger[] ym = total.abs().divideAndRemainder(BigInteger.valueOf(12));
        StringBuilder s = new StringBuilder(sign).append('P');
        if (ym[0].signum() > 0) {
            s.append(ym[0]).append('Y');
        }
        if (ym[1].signum() > 0 || ym[0].signum() == 0) {
            s.append(ym[1]).append('M');
        }
        return s.toString();
    }

    static String seconds(BigDecimal total) {
        String sign = total.signum() < 0 ? "-" : "";
        BigDecimal t = total.abs();
        BigDecimal[] d = t.divideAndRemainder(BigDecimal.valueOf(86400));
        BigDecimal[] h = d[1].divideAndRemainder(BigDecimal.valueOf(3600));
        BigDecimal[] m = h[1].divideAndRemainder(BigDecimal.valueOf(60));
        StringBuilder s = new StringBuilder(sign).append('P');
        if (d[0].signum() > 0) {
            s.append(d[0].toBigInteger()).append('D');
        }
        if (h[0].signum() > 0 || m[0].signum() > 0 || m[1].signum() > 0 || d[0].signum() == 0) {
            s.append('T');
            if (h[0].signum() > 0) {
                s.append(h[0].toBigInteger()).append('H');
            }
            if (m[0].signum() > 0) {
                s.append(m[0].toBigInteger()).append('M');
            }
            if (m[1].signum() > 0 || (h[0].signum() == 0 && m[0].signum() == 0)) {
                s.append(m[1].stripTrailingZeros().toPlainString()).append('S');
            }
        }
        return s.toString();
    }
}

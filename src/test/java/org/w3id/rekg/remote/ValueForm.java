package org.w3id.rekg.remote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/** RDF terms written by value, so that two stores' answers compare equal when they mean the same: 40 = 40.0, 1 = true. */
final class ValueForm {
    private ValueForm() {}

    /** The term as text: IRIs in angle brackets, blank nodes as {@code _:}, numbers by value, booleans as true/false. */
    static String of(Node n) {
        if (n == null) {
            return "";
        }
        if (n.isURI()) {
            return "<" + n.getURI() + ">";
        }
        if (n.isBlank()) {
            return "_:";
        }
        String lex = n.getLiteralLexicalForm();
        String dt = n.getLiteralDatatypeURI();
        if (XSDDatatype.XSDboolean.getURI().equals(dt)) {
            return "1".equals(lex) || "true".equals(lex) ? "true" : "false";
        }
        if (isNumber(dt)) {
            try {
                BigDecimal d = new BigDecimal(lex.strip());
                return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return lex;
            }
        }
        String lang = n.getLiteralLanguage();
        return lex + (lang == null || lang.isEmpty() ? "" : "@" + lang);
    }

    private static boolean isNumber(String dt) {
        return dt != null && dt.startsWith(XSDDatatype.XSD + "#") && dt.matches(".*#(decimal|integer|int|long|short|byte|double|float"
                + "|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsigned\\w+)$");
    }

    /** Every triple of {@code g} in value form (with its datatype), sorted. */
    static List<String> triples(Graph g) {
        List<String> out = new ArrayList<>();
        for (var it = g.find(); it.hasNext(); ) {
            Triple t = it.next();
            Node o = t.getObject();
            String type = o.isLiteral() && !isNumber(o.getLiteralDatatypeURI()) ? "^^" + o.getLiteralDatatypeURI() : "";
            out.add(of(t.getSubject()) + " " + of(t.getPredicate()) + " " + of(o) + type);
        }
        out.sort(null);
        return out;
    }
}

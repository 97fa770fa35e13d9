package org.w3id.rekg.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.vocab.Rekg;

/**
 * Finds the existing record a candidate restates, so that accepting it adds a claim to that
 * record instead of a second copy of the fact. A record matches when it has the candidate's class
 * (or a sub- or superclass of it), the same participants (the candidate's key properties: holder
 * and target of a stake, parties of an agreement, imposer of a measure or target, …) and no date
 * that excludes the candidate's dates (2025 overlaps 2025-07). The candidate's other literal values
 * are then compared with the record's: all equal (numerically, for numbers) is {@link Kind#SAME};
 * one different is {@link Kind#DIFFERENT}, a disagreement that is kept side by side.
 *
 * <p>Read inside a read transaction; the documents' and the review graphs are not records.
 */
public final class RecordMatcher {
    /** How a candidate relates to the record it matches. */
    enum Kind { SAME, DIFFERENT }

    /** The record matched, how, and for a disagreement the record's values that differ. */
    record Match(String recordId, Kind kind, Map<String, List<String>> differing) {}

    /** Object properties that identify the fact, per pattern; other patterns use all their object values. */
    static final Map<String, List<String>> KEYS = Map.of(
            "stake", List.of("holder", "target"),
            "export-restriction", List.of("imposedBy"),
            "agreement", List.of("party"),
            "target", List.of("imposedBy", "targetYear"),
            "funding", List.of("issuedBy", "beneficiary"),
            "price-floor", List.of("imposedBy", "material"),
            "capacity", List.of("observedActor"),
            "offtake", List.of("party"));

    /** Properties whose values only need to overlap (any common value). */
    private static final Set<String> OVERLAP = Set.of("material");
    private static final Set<String> TEMPORAL = Set.of("signedOn", "date", "effectiveFrom", "startDate", "endDate",
            "announcedOn", "targetYear", "year");

    private final DatasetGraph dsg;
    private final Node only;

    RecordMatcher(DatasetGraph dsg) {
        this(dsg, null);
    }

    /** A matcher that looks only at the records of one graph (a source's), or of all when null. */
    public RecordMatcher(DatasetGraph dsg, Node graph) {
        this.dsg = dsg;
        this.only = graph;
    }

    /** Every record the candidate restates (same kind and participants), whatever its values. */
    public Set<Node> all(ReviewService.Item c) {
        Set<Node> out = new LinkedHashSet<>();
        if (c.cls() == null) {
            if (c.subject() != null) {
                Node x = Rekg.id(c.subject());
                boolean every = !c.values().isEmpty();
                for (Map.Entry<String, List<String>> e : c.values().entrySet()) {
                    Set<String> have = values(x, e.getKey());
                    every &= e.getValue().stream().anyMatch(v -> have.stream().anyMatch(h -> TEMPORAL.contains(e.getKey()) ? overlaps(v, h) : equal(v, h)));
                }
                if (every) {
                    out.add(x);
                }
            }
            return out;
        }
        List<String> keys = KEYS.getOrDefault(c.pattern(), c.values().keySet().stream()
                .filter(p -> !Candidate.LITERALS.containsKey(p)).toList());
        for (Node cls : family(Rekg.term(c.cls()))) {
            for (Quad q : quads(Node.ANY, RDF.type.asNode(), cls)) {
                Node x = q.getSubject();
                if (x.isURI() && sameKeys(c, x, keys) && compare(c, x, keys) != null) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    /** The best existing record for the candidate, or null when it states a new fact. */
    Match match(ReviewService.Item c) {
        if (c.cls() == null) {
            return null;
        }
        Set<Node> classes = family(Rekg.term(c.cls()));
        List<String> keys = KEYS.getOrDefault(c.pattern(), c.values().keySet().stream()
                .filter(p -> !Candidate.LITERALS.containsKey(p)).toList());
        Set<Node> seen = new HashSet<>();
        Match best = null;
        for (Node cls : classes) {
            for (Quad q : quads(Node.ANY, RDF.type.asNode(), cls)) {
                Node x = q.getSubject();
                if (!x.isURI() || !x.getURI().startsWith(Rekg.ID) || !seen.add(x) || !sameKeys(c, x, keys)) {
                    continue;
                }
                Match m = compare(c, x, keys);
                if (m != null && (best == null || best.kind() == Kind.DIFFERENT && m.kind() == Kind.SAME)) {
                    best = m;
                }
            }
        }
        return best;
    }

    private boolean sameKeys(ReviewService.Item c, Node x, List<String> keys) {
        for (String k : keys) {
            List<String> want = c.values().getOrDefault(k, List.of());
            Set<String> have = values(x, k);
            if (want.isEmpty()) {
                continue;
            }
            if (TEMPORAL.contains(k)) {
                if (have.isEmpty() || want.stream().noneMatch(w -> have.stream().anyMatch(h -> overlaps(w, h)))) {
                    return false;
                }
            } else if (OVERLAP.contains(k) ? want.stream().noneMatch(have::contains) : !have.equals(new LinkedHashSet<>(want))) {
                return false;
            }
        }
        return true;
    }

    /** Null when a date of the record excludes the candidate's; else same or different values. */
    private Match compare(ReviewService.Item c, Node x, List<String> keys) {
        Map<String, List<String>> differing = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : c.values().entrySet()) {
            String p = e.getKey();
            if (keys.contains(p) || !Candidate.LITERALS.containsKey(p)) {
                continue;
            }
            Set<String> have = values(x, p);
            if (have.isEmpty()) {
                continue;
            }
            boolean temporal = TEMPORAL.contains(p);
            for (String v : e.getValue()) {
                boolean found = have.stream().anyMatch(h -> temporal ? overlaps(v, h) : equal(v, h));
                if (!found) {
                    if (temporal) {
                        return null; // another date: another fact
                    }
                    differing.put(p, List.copyOf(have));
                }
            }
        }
        String id = x.getURI().substring(Rekg.ID.length());
        return new Match(id, differing.isEmpty() ? Kind.SAME : Kind.DIFFERENT, differing);
    }

    static boolean equal(String a, String b) {
        try {
            return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())) == 0;
        } catch (NumberFormatException e) {
            return a.trim().equalsIgnoreCase(b.trim());
        }
    }

    /** Two dates overlap when one is a prefix of the other: 2025 and 2025-07-10. */
    static boolean overlaps(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    private Set<String> values(Node x, String property) {
        Set<String> out = new LinkedHashSet<>();
        for (Quad q : quads(x, Rekg.term(property), Node.ANY)) {
            Node o = q.getObject();
            if (o.isURI() && o.getURI().startsWith(Rekg.ID)) {
                out.add(o.getURI().substring(Rekg.ID.length()));
            } else if (o.isLiteral()) {
                out.add(o.getLiteralLexicalForm());
            }
        }
        return out;
    }

    /** The class, its subclasses and its superclasses below rekg's top classes. */
    private Set<Node> family(Node cls) {
        Set<Node> out = new LinkedHashSet<>();
        List<Node> todo = new ArrayList<>(List.of(cls));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (out.add(n)) {
                quads(Node.ANY, RDFS.subClassOf.asNode(), n).forEach(q -> todo.add(q.getSubject()));
            }
        }
        for (Quad q : quads(cls, RDFS.subClassOf.asNode(), Node.ANY)) {
            Node sup = q.getObject();
            String local = sup.isURI() && sup.getURI().startsWith(Rekg.NS) ? sup.getURI().substring(Rekg.NS.length()) : "";
            if (!local.isEmpty() && !Set.of("PolicyMeasure", "Agreement", "Event", "Observation", "Relation").contains(local)) {
                out.add(sup);
            }
        }
        return out;
    }

    private List<Quad> quads(Node s, Node p, Node o) {
        List<Quad> out = new ArrayList<>();
        dsg.find(Node.ANY, s, p, o).forEachRemaining(q -> {
            String g = q.getGraph().getURI();
            if (g != null && !g.startsWith(Rekg.GRAPH + "doc/") && !q.getGraph().equals(Nif.REVIEW_GRAPH)
                    && (only == null || q.getGraph().equals(only) || p.equals(RDFS.subClassOf.asNode()))) {
                out.add(q);
            }
        });
        return out;
    }
}

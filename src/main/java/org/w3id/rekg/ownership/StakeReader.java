package org.w3id.rekg.ownership;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.vocab.Rekg;

/**
 * Reads the stakes and the structural links (government bodies, state-owned enterprises, parts
 * of firms, operators) of every graph of the store, except the ownership graph the reasoner
 * writes, into an {@link OwnershipNetwork}. Stakes not valid on the chosen date are left out;
 * stakes that cannot be used (no holder, a holder nothing describes, a share below 0 or above
 * 100, a minimum above the maximum) are left out with an error {@link Finding}.
 */
public final class StakeReader {
    static final Node STAKE = Rekg.term("Stake");
    static final Node DECLARED_INDIRECT = Rekg.term("DeclaredIndirectStake");
    static final Node HOLDER = Rekg.term("holder");
    static final Node TARGET = Rekg.term("target");
    static final Node SHARE = Rekg.term("share");
    static final Node SHARE_MIN = Rekg.term("shareMin");
    static final Node SHARE_MAX = Rekg.term("shareMax");
    static final Node INTEREST_KIND = Rekg.term("interestKind");
    static final Node START = Rekg.term("startDate");
    static final Node END = Rekg.term("endDate");
    static final Node GOVERNMENT_OF = Rekg.term("governmentOf");
    static final Node OWNED_BY_STATE = Rekg.term("ownedByState");
    static final Node PART_OF = Rekg.term("partOf");
    static final Node OPERATES = Rekg.term("operates");
    static final Node OPERATED_BY = Rekg.term("operatedBy");
    static final Node STATE = Rekg.term("State");
    static final Node SITE = Rekg.term("Site");
    static final Node SKOS_ALT = NodeFactory.createURI(Rekg.SKOS + "altLabel");
    static final Node FILE_NAME = NodeFactory.createURI(Rekg.BASE + "build#fileName");

    /** What an edge of the network came from. */
    public record Origin(Node node, String where, String what) {}

    /** A declared indirect stake: kept as declared, checked against the chain. */
    public record Declared(Node stake, int holder, int target, double lo, double hi, boolean unknown, boolean control,
            String where) {}

    private final DatasetGraph dsg;
    private final Node skipGraph;
    private final LocalDate asOf;
    final OwnershipNetwork net = new OwnershipNetwork(0);
    final List<Node> nodes = new ArrayList<>();
    final Map<Node, Integer> index = new HashMap<>();
    final List<Origin> origins = new ArrayList<>();
    final List<Declared> declared = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final Set<Node> states = new HashSet<>();
    final Set<Node> sites = new HashSet<>();
    final Map<Node, List<Integer>> operatorsOf = new LinkedHashMap<>();
    int stakesRead;
    int stakesOutOfDate;

    public StakeReader(DatasetGraph dsg, Node skipGraph, LocalDate asOf) {
        this.dsg = dsg;
        this.skipGraph = skipGraph;
        this.asOf = asOf;
    }

    private Iterator<Quad> find(Node s, Node p, Node o) {
        Iterator<Quad> it = dsg.find(Node.ANY, s, p, o);
        List<Quad> out = new ArrayList<>();
        it.forEachRemaining(q -> {
            if (!q.getGraph().equals(skipGraph) && !Quad.isDefaultGraph(q.getGraph())) {
                out.add(q);
            }
        });
        return out.iterator();
    }

    private Set<Node> objects(Node s, Node p) {
        Set<Node> out = new LinkedHashSet<>();
        find(s, p, Node.ANY).forEachRemaining(q -> out.add(q.getObject()));
        return out;
    }

    int node(Node n) {
        Integer i = index.get(n);
        if (i != null) {
            return i;
        }
        int v = net.addNode();
        nodes.add(n);
        index.put(n, v);
        return v;
    }

    /** Reads everything; returns this. */
    public StakeReader read() {
        Set<Node> siteClasses = subClassesOf(SITE);
        for (Node c : siteClasses) {
            find(Node.ANY, RDF.type.asNode(), c).forEachRemaining(q -> sites.add(q.getSubject()));
        }
        find(Node.ANY, RDF.type.asNode(), STATE).forEachRemaining(q -> states.add(q.getSubject()));
        Set<Node> stakes = new LinkedHashSet<>();
        Map<Node, Node> stakeGraph = new HashMap<>();
        Set<Node> indirect = new HashSet<>();
        find(Node.ANY, RDF.type.asNode(), STAKE).forEachRemaining(q -> {
            stakes.add(q.getSubject());
            stakeGraph.putIfAbsent(q.getSubject(), q.getGraph());
        });
        find(Node.ANY, RDF.type.asNode(), DECLARED_INDIRECT).forEachRemaining(q -> {
            stakes.add(q.getSubject());
            indirect.add(q.getSubject());
            stakeGraph.putIfAbsent(q.getSubject(), q.getGraph());
        });
        for (Node stake : stakes) {
            readStake(stake, where(stake, stakeGraph.get(stake)), indirect.contains(stake));
        }
        structural(GOVERNMENT_OF, OwnershipNetwork.GOVERNMENT, "a government body of the state");
        structural(OWNED_BY_STATE, OwnershipNetwork.PARENT, "a state-owned enterprise of the state");
        structural(PART_OF, OwnershipNetwork.CONTROL, "part of the organisation");
        find(Node.ANY, OPERATED_BY, Node.ANY).forEachRemaining(q -> operator(q.getObject(), q.getSubject(), q.getGraph()));
        find(Node.ANY, OPERATES, Node.ANY).forEachRemaining(q -> operator(q.getSubject(), q.getObject(), q.getGraph()));
        return this;
    }

    private final Set<String> seenStructural = new HashSet<>();
    private final Map<String, List<Integer>> repeated = new HashMap<>();

    private void structural(Node property, byte kind, String what) {
        find(Node.ANY, property, Node.ANY).forEachRemaining(q -> {
            Node child = q.getSubject();
            Node parent = q.getObject();
            if (!parent.isURI() || !child.isURI() || !seenStructural.add(property + " " + child + " " + parent)) {
                return;
            }
            origins.add(new Origin(child, where(child, q.getGraph()), what));
            net.addEdge(node(parent), node(child), kind == OwnershipNetwork.GOVERNMENT ? 1 : Double.NaN,
                    kind == OwnershipNetwork.GOVERNMENT ? 1 : Double.NaN, kind, origins.size() - 1);
        });
    }

    private void operator(Node org, Node site, Node graph) {
        if (!org.isURI() || !site.isURI() || !seenStructural.add("operator " + org + " " + site)) {
            return;
        }
        origins.add(new Origin(site, where(site, graph), "operator of the site"));
        int e = net.addEdge(node(org), node(site), Double.NaN, Double.NaN, OwnershipNetwork.CONTROL, origins.size() - 1);
        operatorsOf.computeIfAbsent(site, k -> new ArrayList<>()).add(e);
    }

    private void readStake(Node stake, String where, boolean isIndirect) {
        stakesRead++;
        Set<Node> holders = objects(stake, HOLDER);
        Set<Node> targets = objects(stake, TARGET);
        if (holders.size() != 1 || targets.size() != 1) {
            findings.add(new Finding(Finding.Severity.ERROR, "stake " + Names.shortName(stake) + " has "
                    + holders.size() + " holder(s) and " + targets.size() + " target(s) instead of one each; set aside",
                    List.of(where)));
            return;
        }
        Node h = holders.iterator().next();
        Node t = targets.iterator().next();
        for (Node end : List.of(h, t)) {
            if (!end.isURI() || !find(end, RDF.type.asNode(), Node.ANY).hasNext()) {
                findings.add(new Finding(Finding.Severity.ERROR, "stake " + Names.shortName(stake) + " names "
                        + (end == h ? "a holder" : "a target") + " that nothing in the store describes: "
                        + Names.shortName(end) + "; set aside", List.of(where)));
                return;
            }
        }
        int hv = node(h);
        int tv = node(t);
        if (!valid(stake)) {
            stakesOutOfDate++;
            return;
        }
        List<BigDecimal> exact = numbers(stake, SHARE, where);
        List<BigDecimal> mins = numbers(stake, SHARE_MIN, where);
        List<BigDecimal> maxs = numbers(stake, SHARE_MAX, where);
        if (exact == null || mins == null || maxs == null) {
            return;
        }
        for (List<BigDecimal> l : List.of(exact, mins, maxs)) {
            for (BigDecimal v : l) {
                if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
                    findings.add(new Finding(Finding.Severity.ERROR, "stake " + Names.shortName(stake)
                            + " has a share of " + v.toPlainString() + " %, outside 0-100 %; set aside", List.of(where)));
                    return;
                }
            }
        }
        double lo;
        double hi;
        boolean unknown = false;
        if (!exact.isEmpty()) {
            lo = exact.stream().mapToDouble(BigDecimal::doubleValue).min().orElseThrow() / 100;
            hi = exact.stream().mapToDouble(BigDecimal::doubleValue).max().orElseThrow() / 100;
            if (exact.size() > 1) {
                findings.add(new Finding(Finding.Severity.WARNING, "stake " + Names.shortName(stake)
                        + " is given several shares; their range is used", List.of(where)));
            }
        } else if (!mins.isEmpty() || !maxs.isEmpty()) {
            lo = mins.isEmpty() ? 0 : mins.stream().mapToDouble(BigDecimal::doubleValue).max().orElseThrow() / 100;
            hi = maxs.isEmpty() ? 1 : maxs.stream().mapToDouble(BigDecimal::doubleValue).min().orElseThrow() / 100;
            if (lo > hi) {
                findings.add(new Finding(Finding.Severity.ERROR, "stake " + Names.shortName(stake)
                        + " has a minimum share above its maximum; set aside", List.of(where)));
                return;
            }
        } else {
            lo = Double.NaN;
            hi = Double.NaN;
            unknown = true;
        }
        Set<Node> kinds = objects(stake, INTEREST_KIND);
        if (isIndirect) {
            boolean control = kinds.stream().anyMatch(k -> k.isURI() && k.getURI().matches(
                    ".*/interest/(control-by-law|operating-control|other-control|accounting-consolidation)"));
            declared.add(new Declared(stake, hv, tv, unknown ? 0 : lo, unknown ? 1 : hi, unknown, control, where));
            return;
        }
        Set<Byte> edgeKinds = new LinkedHashSet<>();
        if (kinds.isEmpty()) {
            edgeKinds.add(OwnershipNetwork.OWN);
        }
        for (Node k : kinds) {
            String local = k.isURI() ? k.getURI().substring(k.getURI().lastIndexOf('/') + 1) : "";
            switch (local) {
                case "voting-rights" -> edgeKinds.add(OwnershipNetwork.VOTE);
                case "control-by-law", "operating-control", "other-control", "accounting-consolidation" ->
                        edgeKinds.add(OwnershipNetwork.CONTROL);
                default -> edgeKinds.add(OwnershipNetwork.OWN);
            }
        }
        String key = hv + " " + tv + " " + edgeKinds; // validity was checked above: records valid on the date
        List<Integer> same = unknown ? null : repeated.get(key);
        if (same != null) {
            // another record of the same stake (another source, or an accepted copy): counted once,
            // with the range of the shares the records give when they disagree
            int e0 = same.get(0);
            boolean differs = Math.abs(net.lo(e0) - lo) > 1e-12 || Math.abs(net.hi(e0) - hi) > 1e-12;
            for (int e : same) {
                if (net.kind(e) != OwnershipNetwork.CONTROL) {
                    net.setLo(e, Math.min(net.lo(e), lo));
                    net.setHi(e, Math.max(net.hi(e), hi));
                }
            }
            findings.add(new Finding(Finding.Severity.WARNING, "stake " + Names.shortName(stake)
                    + " repeats a stake of the same holder in the same target" + (differs
                            ? " with another share; counted once, with the range of the shares (see query 05)"
                            : "; counted once"), List.of(where, origins.get(net.origin(e0)).where())));
            return;
        }
        origins.add(new Origin(stake, where, "stake"));
        List<Integer> edges = new ArrayList<>();
        for (byte k : edgeKinds) {
            edges.add(net.addEdge(hv, tv, k == OwnershipNetwork.CONTROL ? Double.NaN : lo, k == OwnershipNetwork.CONTROL ? Double.NaN : hi,
                    k, origins.size() - 1));
        }
        if (!unknown) {
            repeated.put(key, edges);
        }
    }

    private List<BigDecimal> numbers(Node stake, Node p, String where) {
        List<BigDecimal> out = new ArrayList<>();
        for (Node o : objects(stake, p)) {
            try {
                out.add(new BigDecimal(o.isLiteral() ? o.getLiteralLexicalForm().trim() : "x"));
            } catch (NumberFormatException e) {
                findings.add(new Finding(Finding.Severity.ERROR, "stake " + Names.shortName(stake) + " has a "
                        + p.getLocalName() + " that is not a number: " + o + "; set aside", List.of(where)));
                return null;
            }
        }
        return out;
    }

    private boolean valid(Node stake) {
        if (asOf == null) {
            return true;
        }
        for (Node s : objects(stake, START)) {
            LocalDate d = date(s, true);
            if (d != null && d.isAfter(asOf)) {
                return false;
            }
        }
        for (Node e : objects(stake, END)) {
            LocalDate d = date(e, false);
            if (d != null && d.isBefore(asOf)) {
                return false;
            }
        }
        return true;
    }

    /** The first (or last) day of a date, month or year, or of the day of a date-time. */
    static LocalDate date(Node literal, boolean first) {
        if (!literal.isLiteral()) {
            return null;
        }
        String s = literal.getLiteralLexicalForm().trim();
        try {
            if (s.matches("\\d{4}")) {
                int y = Integer.parseInt(s);
                return first ? LocalDate.of(y, 1, 1) : LocalDate.of(y, 12, 31);
            }
            if (s.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(s);
                return first ? ym.atDay(1) : ym.atEndOfMonth();
            }
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private Set<Node> subClassesOf(Node c) {
        Set<Node> out = new LinkedHashSet<>();
        List<Node> todo = new ArrayList<>(List.of(c));
        while (!todo.isEmpty()) {
            Node x = todo.remove(todo.size() - 1);
            if (out.add(x)) {
                find(Node.ANY, RDFS.subClassOf.asNode(), x).forEachRemaining(q -> todo.add(q.getSubject()));
            }
        }
        return out;
    }

    /** Where a record is, for messages: the imported file or the source, and the record's id. */
    String where(Node subject, Node graph) {
        String record = Names.shortName(subject);
        if (graph == null) {
            return "record " + record;
        }
        Iterator<Quad> f = dsg.find(graph, graph, FILE_NAME, Node.ANY);
        if (f.hasNext()) {
            return f.next().getObject().getLiteralLexicalForm() + ", record " + record;
        }
        String g = graph.getURI();
        if (g.startsWith(Rekg.GRAPH)) {
            return "source " + g.substring(Rekg.GRAPH.length()) + ", record " + record;
        }
        return g + ", record " + record;
    }

    /** Labels of a node, English first. */
    String label(Node n) {
        String best = null;
        for (Node p : List.of(RDFS.label.asNode(), SKOS_ALT)) {
            Iterator<Quad> it = find(n, p, Node.ANY);
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (!o.isLiteral()) {
                    continue;
                }
                String lang = o.getLiteralLanguage().toLowerCase(Locale.ROOT);
                if (lang.equals("en")) {
                    return o.getLiteralLexicalForm();
                }
                if (best == null) {
                    best = o.getLiteralLexicalForm();
                }
            }
            if (best != null) {
                return best;
            }
        }
        return best;
    }
}

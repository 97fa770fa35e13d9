package org.w3id.rekg.ownership;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Recomputes effective shares, control, ultimate controllers and state exposure from every
 * graph of the store (curated and imported) into the graph {@link #GRAPH}, in one write
 * transaction; and explains one holder's share of one target, path by path.
 *
 * <pre>{@code
 * ReasonService.Result r = new ReasonService().refresh(dataset);
 * System.out.print(new ReasonService(LocalDate.parse("2024-01-01")).explain(dataset, "state/US", "mountain-pass"));
 * }</pre>
 */
public final class ReasonService {
    /** Where the results go. */
    public static final Node GRAPH = Rekg.graph("inferred/ownership");
    static final String COMPUTED = Rekg.ID + "computed/";
    static final Node PROV_DERIVED = NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom");

    private final LocalDate asOf;
    private final Consumer<String> progress;

    /** As of today. */
    public ReasonService() {
        this(null, msg -> { });
    }

    /** As of {@code asOf} (today when null). */
    public ReasonService(LocalDate asOf) {
        this(asOf, msg -> { });
    }

    public ReasonService(LocalDate asOf, Consumer<String> progress) {
        this.asOf = asOf == null ? LocalDate.now() : asOf;
        this.progress = progress;
    }

    /** What a refresh did. */
    public record Result(int stakes, int effectiveStakes, int controlRelations, int exposures, long triples,
            List<Finding> findings, long millis) {}

    /** Replaces {@link #GRAPH} with the results computed from every other graph of {@code dataset}. */
    public Result refresh(Dataset dataset) {
        long t0 = System.nanoTime();
        DatasetGraph dsg = dataset.asDatasetGraph();
        Result[] out = new Result[1];
        try {
            Txn.executeWrite(dsg, () -> {
                Analysis a = new Analysis(dsg, GRAPH, asOf);
                Graph g = GraphFactory.createDefaultGraph();
                int[] counts = write(a, g);
                dsg.removeGraph(GRAPH);
                GraphUtil.addInto(dsg.getGraph(GRAPH), g);
                out[0] = new Result(a.reader.stakesRead, counts[0], counts[1], counts[2], g.size(),
                        List.copyOf(a.findings()), (System.nanoTime() - t0) / 1_000_000);
            });
        } catch (RekgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RekgException(ErrorCode.STORE, "computing ownership failed, the store was not changed: " + e.getMessage(), e);
        }
        progress.accept(String.format(Locale.ROOT, "ownership: %d stakes, %d effective stakes, %d control relations, "
                + "%d state exposures, %d finding(s) (%d ms)", out[0].stakes(), out[0].effectiveStakes(),
                out[0].controlRelations(), out[0].exposures(), out[0].findings().size(), out[0].millis()));
        return out[0];
    }

    /** The results of {@code a} as RDF into {@code g}; returns the counts of effective stakes, control relations and exposures. */
    int[] write(Analysis a, Graph g) {
        Node asOfLiteral = NodeFactory.createLiteralDT(a.asOf.toString(), XSDDatatype.XSDdate);
        OwnershipNetwork net = a.reader.net;
        List<Node> nodes = a.reader.nodes;
        int effectiveCount = 0;
        TreeMap<Long, Node> effectiveNodes = new TreeMap<>();
        for (int i = 0; i < a.effective.size(); i++) {
            int h = a.effective.holder(i);
            int t = a.effective.target(i);
            double lo = a.effective.lo(i);
            double hi = a.effective.hi(i);
            Node s = iri("effective-stake", nodes.get(h), nodes.get(t));
            effectiveNodes.put(Analysis.key(h, t), s);
            g.add(s, RDF.type.asNode(), Rekg.term("EffectiveStake"));
            g.add(s, Rekg.term("effectiveHolder"), nodes.get(h));
            g.add(s, Rekg.term("effectiveTarget"), nodes.get(t));
            shares(g, s, lo, hi, "effectiveShare");
            g.add(s, Rekg.term("asOf"), asOfLiteral);
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang("effective stake of " + Names.shortName(nodes.get(h))
                    + " in " + Names.shortName(nodes.get(t)) + ": " + Analysis.range(lo, hi), "en"));
            g.add(s, Rekg.term("pathCount"), NodeFactory.createLiteralDT(
                    Integer.toString(a.paths(h, t, 10_000).size()), XSDDatatype.XSDinteger));
            for (int e : a.edgesBetween(h, t)) {
                g.add(s, PROV_DERIVED, a.reader.origins.get(net.origin(e)).node());
            }
            effectiveCount++;
        }
        int controlCount = 0;
        for (int t = 0; t < net.nodes(); t++) {
            int[] cs = a.control.controllers[t];
            for (int i = 0; i < cs.length; i++) {
                Node r = iri("control", nodes.get(cs[i]), nodes.get(t));
                g.add(r, RDF.type.asNode(), Rekg.term("ControlRelation"));
                g.add(r, Rekg.term("controller"), nodes.get(cs[i]));
                g.add(r, Rekg.term("controlled"), nodes.get(t));
                g.add(r, Rekg.term("controlBasis"), NodeFactory.createLiteralString(a.basis(t, i)));
                g.add(r, Rekg.term("asOf"), asOfLiteral);
                for (int e : a.control.grounds[t][i]) {
                    g.add(r, PROV_DERIVED, a.reader.origins.get(net.origin(e)).node());
                }
                controlCount++;
            }
            for (int u : a.control.ultimate[t]) {
                if (u != t) {
                    g.add(nodes.get(t), Rekg.term("ultimateController"), nodes.get(u));
                }
            }
        }
        // state exposure of sites
        int exposures = 0;
        List<Integer> states = new ArrayList<>();
        for (int v = 0; v < nodes.size(); v++) {
            if (a.reader.states.contains(nodes.get(v))) {
                states.add(v);
            }
        }
        for (int x = 0; x < nodes.size(); x++) {
            Node site = nodes.get(x);
            if (!a.reader.sites.contains(site)) {
                continue;
            }
            Set<Integer> operators = new LinkedHashSet<>();
            for (int e : a.reader.operatorsOf.getOrDefault(site, List.of())) {
                operators.add(net.holder(e));
            }
            for (int s : states) {
                double[] own = a.share(s, x);
                if (own != null) {
                    Node r = iri("exposure", nodes.get(s), site);
                    exposure(g, r, nodes.get(s), site, asOfLiteral);
                    shares(g, r, own[0], own[1], "exposure");
                    Node eff = effectiveNodes.get(Analysis.key(s, x));
                    if (eff != null) {
                        g.add(r, PROV_DERIVED, eff);
                    }
                    exposures++;
                }
                for (int o : operators) {
                    boolean controls = o == s || contains(a.control.ultimate[o], s);
                    double[] inOperator = o == s ? new double[] {1, 1} : a.share(s, o);
                    if (inOperator == null && !controls) {
                        continue;
                    }
                    Node r = iri("exposure", nodes.get(s), site, nodes.get(o));
                    exposure(g, r, nodes.get(s), site, asOfLiteral);
                    g.add(r, Rekg.term("throughOperator"), nodes.get(o));
                    g.add(r, Rekg.term("controlsOperator"), NodeFactory.createLiteralDT(Boolean.toString(controls),
                            XSDDatatype.XSDboolean));
                    if (inOperator != null) {
                        shares(g, r, inOperator[0], inOperator[1], "exposure");
                        Node eff = effectiveNodes.get(Analysis.key(s, o));
                        if (eff != null) {
                            g.add(r, PROV_DERIVED, eff);
                        }
                    }
                    exposures++;
                }
            }
        }
        a.checks.forEach((stake, text) -> g.add(stake, Rekg.term("declaredShareCheck"), NodeFactory.createLiteralString(text)));
        return new int[] {effectiveCount, controlCount, exposures};
    }

    private static void exposure(Graph g, Node r, Node state, Node site, Node asOfLiteral) {
        g.add(r, RDF.type.asNode(), Rekg.term("StateExposure"));
        g.add(r, Rekg.term("exposedState"), state);
        g.add(r, Rekg.term("exposedSite"), site);
        g.add(r, Rekg.term("asOf"), asOfLiteral);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** {@code prefix} for an exact value, {@code prefixMin}/{@code prefixMax} for a range; percent. */
    private static void shares(Graph g, Node s, double lo, double hi, String prefix) {
        if (Math.abs(hi - lo) < 1e-9) {
            g.add(s, Rekg.term(prefix), decimal(lo));
        } else {
            g.add(s, Rekg.term(prefix + "Min"), decimal(lo));
            g.add(s, Rekg.term(prefix + "Max"), decimal(hi));
        }
    }

    static Node decimal(double fraction) {
        BigDecimal d = BigDecimal.valueOf(fraction * 100).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return NodeFactory.createLiteralDT(d.toPlainString(), XSDDatatype.XSDdecimal);
    }

    private static Node iri(String kind, Node... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Node p : parts) {
                md.update(p.toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return NodeFactory.createURI(COMPUTED + kind + "/" + HexFormat.of().formatHex(md.digest()).substring(0, 20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- explain

    /** Every path from {@code holder} to {@code target} with its shares, the total, and who controls the target. */
    public String explain(Dataset dataset, String holder, String target) {
        DatasetGraph dsg = dataset.asDatasetGraph();
        return Txn.calculateRead(dsg, () -> {
            Analysis a = new Analysis(dsg, GRAPH, asOf);
            int h = resolve(dsg, a, holder);
            int t = resolve(dsg, a, target);
            return explain(a, h, t);
        });
    }

    static String explain(Analysis a, int h, int t) {
        OwnershipNetwork net = a.reader.net;
        StringBuilder out = new StringBuilder();
        out.append("Share of ").append(a.display(h)).append(" in ").append(a.display(t))
                .append(", as of ").append(a.asOf).append('\n');
        List<Analysis.Path> paths = a.paths(h, t, 1000);
        if (paths.isEmpty()) {
            out.append("  no chain of stakes leads from the one to the other\n");
        }
        int i = 0;
        double sumLo = 0;
        double sumHi = 0;
        for (Analysis.Path p : paths) {
            out.append(String.format(Locale.ROOT, "  path %d: %s", ++i, a.display(h)));
            for (int e : p.edges()) {
                String share = net.unknown(e) ? "share unknown, at most " + OwnershipEngine.pct(net.hi(e)) + " %"
                        : Analysis.range(net.lo(e), net.hi(e));
                if (net.kind(e) == OwnershipNetwork.GOVERNMENT) {
                    share = "100 %, a body of the state";
                }
                out.append("\n      --[").append(share).append("; ")
                        .append(a.reader.origins.get(net.origin(e)).where()).append("]--> ")
                        .append(a.display(net.target(e)));
            }
            out.append("\n      = ").append(Analysis.range(p.lo(), p.hi())).append('\n');
            sumLo += p.lo();
            sumHi += p.hi();
        }
        if (paths.size() == 1000) {
            out.append("  (only the first 1000 paths are shown)\n");
        }
        double[] s = a.share(h, t);
        out.append("  sum of the paths: ").append(Analysis.range(sumLo, Math.min(1, sumHi))).append('\n');
        out.append("  effective share (every walk, cycles included, no double counting): ")
                .append(s == null ? "0 %" : Analysis.range(s[0], s[1])).append('\n');
        int[] cs = a.control.controllers[t];
        out.append("Control of ").append(a.display(t)).append(":\n");
        if (cs.length == 0) {
            out.append("  nobody is known to control it\n");
        }
        for (int k = 0; k < cs.length; k++) {
            out.append("  controlled by ").append(a.display(cs[k])).append(": ").append(a.basis(t, k)).append('\n');
        }
        for (int u : a.control.ultimate[t]) {
            out.append("  ultimate controller: ").append(a.display(u)).append(u == h ? "  <- the holder asked about" : "")
                    .append('\n');
        }
        if (!a.findings().isEmpty()) {
            out.append("Warnings and errors of the whole store's stakes (not only those of this pair):\n");
        }
        for (Finding f : a.findings()) {
            out.append("  ").append(f).append('\n');
        }
        return out.toString();
    }

    /** An entity by IRI, by id ({@code state/US}) or by label (case-insensitive, must be unique). */
    static int resolve(DatasetGraph dsg, Analysis a, String text) {
        List<Node> candidates = new ArrayList<>();
        if (text.startsWith("http://") || text.startsWith("https://")) {
            candidates.add(NodeFactory.createURI(text));
        } else {
            candidates.add(Rekg.id(text));
        }
        for (Node c : candidates) {
            Integer v = a.node(c);
            if (v != null) {
                return v;
            }
        }
        Set<Node> byLabel = new LinkedHashSet<>();
        for (Node p : List.of(RDFS.label.asNode(), StakeReader.SKOS_ALT)) {
            dsg.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                if (q.getObject().isLiteral() && q.getObject().getLiteralLexicalForm().equalsIgnoreCase(text.trim())
                        && a.node(q.getSubject()) != null) {
                    byLabel.add(q.getSubject());
                }
            });
        }
        if (byLabel.size() == 1) {
            return a.node(byLabel.iterator().next());
        }
        if (byLabel.size() > 1) {
            throw new RekgException(ErrorCode.UNKNOWN_ENTITY, "'" + text + "' is the label of several entities: "
                    + String.join(", ", byLabel.stream().map(Names::shortName).toList()) + "; give an id instead");
        }
        boolean exists = dsg.find(Node.ANY, candidates.get(0), Node.ANY, Node.ANY).hasNext();
        throw new RekgException(ErrorCode.UNKNOWN_ENTITY, exists
                ? "'" + text + "' holds no stake and is the target of none"
                : "no entity with the IRI, id or label '" + text + "'");
    }
}

package org.w3id.rekg.ownership;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The ownership and control of everything in a store, on one date: what {@link ReasonService}
 * writes and what {@code rekg explain} prints. Build it inside a transaction.
 */
public final class Analysis {
    /** Walk sums stop below this (a fraction): 10⁻¹² of a target. */
    public static final double EPSILON = 1e-12;
    /** And after this many levels, whatever is left (reported as not converged). */
    public static final int MAX_LEVELS = 100_000;

    final StakeReader reader;
    final OwnershipEngine engine;
    final OwnershipEngine.Effective effective;
    final OwnershipEngine.Control control;
    final Map<Long, Integer> pairIndex = new HashMap<>();
    final LocalDate asOf;
    final List<Finding> findings = new ArrayList<>();

    public Analysis(DatasetGraph dsg, Node skipGraph, LocalDate asOf) {
        this.asOf = asOf;
        reader = new StakeReader(dsg, skipGraph, asOf).read();
        OwnershipNetwork net = reader.net;
        engine = new OwnershipEngine(net, EPSILON, MAX_LEVELS, new OwnershipEngine.FindingSink() {
            @Override
            public String node(int v) {
                return display(v);
            }

            @Override
            public String edge(int e) {
                return reader.origins.get(net.origin(e)).where();
            }
        });
        engine.prepare();
        effective = engine.effectiveShares(1e-12, 1);
        for (int i = 0; i < effective.size(); i++) {
            pairIndex.put(key(effective.holder(i), effective.target(i)), i);
        }
        control = engine.control(true);
        findings.addAll(reader.findings);
        findings.addAll(engine.findings());
        checkDeclared();
    }

    static long key(int h, int t) {
        return ((long) h << 32) | (t & 0xffffffffL);
    }

    /** The effective share of h in t as {lo, hi} fractions, or null when no chain leads from h to t. */
    public double[] share(int h, int t) {
        Integer i = pairIndex.get(key(h, t));
        return i == null ? null : new double[] {effective.lo(i), effective.hi(i)};
    }

    public String display(int v) {
        Node n = reader.nodes.get(v);
        String label = reader.label(n);
        String id = Names.shortName(n);
        return label == null ? id : label + " (" + id + ")";
    }

    public Integer node(Node n) {
        return reader.index.get(n);
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Declared indirect stakes against the chain: the check text per declared stake. */
    final Map<Node, String> checks = new HashMap<>();

    private void checkDeclared() {
        for (StakeReader.Declared d : reader.declared) {
            if (d.control()) {
                boolean above = controlsUpTheChain(d.holder(), d.target());
                String text = (above ? "agrees: " : "disagrees: ") + "declared control, "
                        + (above ? "found up the chain of controllers" : "not found up the chain of controllers");
                checks.put(d.stake(), text);
                if (!above) {
                    findings.add(new Finding(Finding.Severity.WARNING, "the indirect control of " + display(d.target())
                            + " by " + display(d.holder()) + " " + text, List.of(d.where())));
                }
                continue;
            }
            double[] s = share(d.holder(), d.target());
            double lo = s == null ? 0 : s[0];
            double hi = s == null ? 0 : s[1];
            String computed = s == null ? "no chain of direct stakes" : "the chain gives " + range(lo, hi);
            String declared = d.unknown() ? "an unknown share" : range(d.lo(), d.hi());
            boolean agrees = d.unknown() ? s != null : d.hi() >= lo - 1e-9 && d.lo() <= hi + 1e-9;
            String text = (agrees ? "agrees: " : "disagrees: ") + "declared " + declared + ", " + computed;
            checks.put(d.stake(), text);
            if (!agrees) {
                findings.add(new Finding(Finding.Severity.WARNING, "the indirect stake of " + display(d.holder())
                        + " in " + display(d.target()) + " " + text, List.of(d.where())));
            }
        }
    }

    private boolean controlsUpTheChain(int h, int t) {
        BitSet seen = new BitSet();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(t));
        while (!todo.isEmpty()) {
            int v = todo.poll();
            for (int c : control.controllers[v]) {
                if (c == h) {
                    return true;
                }
                if (!seen.get(c)) {
                    seen.set(c);
                    todo.add(c);
                }
            }
        }
        return false;
    }

    static String range(double lo, double hi) {
        if (Math.abs(hi - lo) < 1e-9) {
            return OwnershipEngine.pct(lo) + " %";
        }
        return "between " + OwnershipEngine.pct(lo) + " and " + OwnershipEngine.pct(hi) + " %";
    }

    // ---------------------------------------------------------------- paths

    /** One chain of ownership edges from a holder to a target, without repeated nodes. */
    public record Path(int[] edges, double lo, double hi) {}

    /** Chains of ownership from h to t without repeated actors, at most {@code limit}. */
    public List<Path> paths(int h, int t, int limit) {
        OwnershipNetwork net = reader.net;
        List<Path> out = new ArrayList<>();
        BitSet onPath = new BitSet();
        int[] stack = new int[64];
        dfs(net, h, t, onPath, stack, 0, 1, 1, out, limit);
        return out;
    }

    private void dfs(OwnershipNetwork net, int v, int t, BitSet onPath, int[] stack, int depth, double lo, double hi,
            List<Path> out, int limit) {
        if (out.size() >= limit || depth >= 60) {
            return;
        }
        onPath.set(v);
        for (int i = net.outStart(v); i < net.outEnd(v); i++) {
            int e = net.outEdge(i);
            if (!engine.countsAsOwnership(e)) {
                continue;
            }
            int w = net.target(e);
            if (onPath.get(w)) {
                continue;
            }
            stack[depth] = e;
            if (w == t) {
                out.add(new Path(java.util.Arrays.copyOf(stack, depth + 1), lo * net.lo(e), hi * net.hi(e)));
            } else {
                dfs(net, w, t, onPath, stack, depth + 1, lo * net.lo(e), hi * net.hi(e), out, limit);
            }
        }
        onPath.clear(v);
    }

    /** The edges on some walk from h to t (their stakes are what the effective share derives from). */
    List<Integer> edgesBetween(int h, int t) {
        OwnershipNetwork net = reader.net;
        BitSet down = reach(h, true);
        BitSet up = reach(t, false);
        List<Integer> out = new ArrayList<>();
        for (int v = down.nextSetBit(0); v >= 0; v = down.nextSetBit(v + 1)) {
            for (int i = net.outStart(v); i < net.outEnd(v); i++) {
                int e = net.outEdge(i);
                if (engine.countsAsOwnership(e) && up.get(net.target(e))) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private final Map<Long, BitSet> reachCache = new HashMap<>();

    private BitSet reach(int from, boolean downwards) {
        return reachCache.computeIfAbsent(((long) from << 1) | (downwards ? 1 : 0), k -> {
            OwnershipNetwork net = reader.net;
            BitSet seen = new BitSet();
            ArrayDeque<Integer> todo = new ArrayDeque<>();
            seen.set(from);
            todo.add(from);
            while (!todo.isEmpty()) {
                int v = todo.poll();
                int s = downwards ? net.outStart(v) : net.inStart(v);
                int end = downwards ? net.outEnd(v) : net.inEnd(v);
                for (int i = s; i < end; i++) {
                    int e = downwards ? net.outEdge(i) : net.inEdge(i);
                    if (!engine.countsAsOwnership(e)) {
                        continue;
                    }
                    int w = downwards ? net.target(e) : net.holder(e);
                    if (!seen.get(w)) {
                        seen.set(w);
                        todo.add(w);
                    }
                }
            }
            return seen;
        });
    }

    /** Why c controls t, in words. */
    String basis(int t, int i) {
        OwnershipNetwork net = reader.net;
        int c = control.controllers[t][i];
        int[] grounds = control.grounds[t][i];
        if (grounds.length > 0) {
            byte k = net.kind(grounds[0]);
            if (k == OwnershipNetwork.OWN || k == OwnershipNetwork.VOTE) {
                double sum = 0;
                List<String> through = new ArrayList<>();
                for (int e : grounds) {
                    sum += net.lo(e);
                    if (net.holder(e) != c) {
                        through.add(display(net.holder(e)));
                    }
                }
                String what = k == OwnershipNetwork.VOTE ? "votes" : "shares";
                return "majority of the " + what + ": at least " + OwnershipEngine.pct(sum) + " %"
                        + (through.isEmpty() ? " held directly" : ", counting what it controls: "
                                + String.join(", ", through.stream().distinct().toList()));
            }
            List<String> parts = new ArrayList<>();
            for (int e : grounds) {
                StakeReader.Origin o = reader.origins.get(net.origin(e));
                parts.add(switch (net.kind(e)) {
                    case OwnershipNetwork.GOVERNMENT -> "it is a government body of this state";
                    case OwnershipNetwork.PARENT -> "it is " + o.what();
                    default -> o.what().equals("stake") ? "a right of control given by a stake"
                            : o.what().equals("operator of the site") ? "it runs the site" : "it is " + o.what();
                });
            }
            return String.join("; ", parts.stream().distinct().toList());
        }
        return "control";
    }
}

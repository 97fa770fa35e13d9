package org.w3id.rekg.ownership;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Effective (integrated) ownership and control over an {@link OwnershipNetwork}.
 *
 * <h2>Effective shares</h2>
 * With A the matrix of direct shares (A[h][t] = part of t that h holds), the sum over every walk
 * from h to t of the product of the shares is E = A + A² + … = A(I − A)⁻¹. It is computed one
 * target at a time, walking up from the target: level k holds the walks of length k, and the sum
 * stops when every entry of the next level is below {@code epsilon}. Walks that come back to h
 * itself count h's own shares held through others; they are taken out with the first-passage
 * identity F[h][t] = E[h][t] / (1 + E[h][h]), so that F is the sum over walks that never pass
 * through h again, and F ≤ 100 % when no target is oversubscribed. Ranges are carried as two
 * matrices, the lower and the upper bounds (every quantity is monotone in the shares); an unknown
 * share is the range [0, what the other holders leave].
 *
 * <h2>Control</h2>
 * c controls t when c holds a right of control over t (law, articles, operation, consolidation,
 * government body, state-owned enterprise, part of a firm), or when c together with every entity
 * c controls holds more than 50 % of t's votes (of its shares when no voting rights are given),
 * counting lower bounds only. Targets are visited holders first (the strongly connected
 * components of the network in topological order), so each is settled once, except inside
 * cycles, which are repeated until nothing changes. An ultimate controller of t is a controller
 * up the chain that nobody controls; members of a control cycle that nobody outside controls are
 * joint ultimate controllers.
 */
public final class OwnershipEngine {
    private final OwnershipNetwork net;
    private final double epsilon;
    private final int maxLevels;
    private final List<Finding> findings = new ArrayList<>();
    private final FindingSink sink;
    private boolean[] excluded;
    private boolean[] controlOnly;

    /** Names nodes and edges in findings. */
    public interface FindingSink {
        String node(int v);

        String edge(int e);
    }

    public OwnershipEngine(OwnershipNetwork net, double epsilon, int maxLevels, FindingSink sink) {
        this.net = net;
        this.epsilon = epsilon;
        this.maxLevels = maxLevels;
        this.sink = sink;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Whether the engine set the edge aside (see the findings). */
    public boolean excluded(int e) {
        return excluded != null && excluded[e];
    }

    /** Whether the edge is counted as ownership in the effective-share sums. */
    public boolean countsAsOwnership(int e) {
        return !excluded(e) && net.isOwnership(e) && !controlOnly[e];
    }

    // ------------------------------------------------------------------ checks

    /** Checks the stakes and fixes the upper bounds of unknown shares; call before anything else. */
    public void prepare() {
        net.freeze();
        int n = net.nodes();
        int m = net.edges();
        excluded = new boolean[m];
        controlOnly = new boolean[m];
        for (int e = 0; e < m; e++) {
            if (net.holder(e) == net.target(e)) {
                excluded[e] = true;
                findings.add(new Finding(Finding.Severity.WARNING, sink.node(net.target(e))
                        + " is given a stake in itself; set aside", List.of(sink.edge(e))));
            }
        }
        // a parent link adds ownership only when no shareholding between the same two is given
        for (int t = 0; t < n; t++) {
            for (int i = net.inStart(t); i < net.inEnd(t); i++) {
                int e = net.inEdge(i);
                if (net.kind(e) != OwnershipNetwork.PARENT) {
                    continue;
                }
                for (int j = net.inStart(t); j < net.inEnd(t); j++) {
                    int f = net.inEdge(j);
                    if (f != e && net.holder(f) == net.holder(e)
                            && (net.kind(f) == OwnershipNetwork.OWN || net.kind(f) == OwnershipNetwork.GOVERNMENT)) {
                        controlOnly[e] = true;
                    }
                }
            }
        }
        // oversubscription, and the cap of unknown shares
        for (int t = 0; t < n; t++) {
            double sumLo = 0;
            List<String> where = null;
            for (int i = net.inStart(t); i < net.inEnd(t); i++) {
                int e = net.inEdge(i);
                if (countsAsOwnership(e)) {
                    sumLo += net.lo(e);
                }
            }
            if (sumLo > 1 + 1e-9) {
                where = new ArrayList<>();
                for (int i = net.inStart(t); i < net.inEnd(t); i++) {
                    int e = net.inEdge(i);
                    if (countsAsOwnership(e) && net.lo(e) > 0) {
                        where.add(sink.edge(e));
                    }
                }
                where.sort(null);
                findings.add(new Finding(Finding.Severity.WARNING, String.format(java.util.Locale.ROOT,
                        "the stakes in %s add up to at least %s %% (more than 100 %%); they are used as given, "
                                + "and effective shares through %s are capped at 100 %%",
                        sink.node(t), pct(sumLo), sink.node(t)), where));
            }
            for (int i = net.inStart(t); i < net.inEnd(t); i++) {
                int e = net.inEdge(i);
                if (countsAsOwnership(e)) {
                    double others = sumLo - net.lo(e);
                    double cap = Math.max(0, Math.min(1, 1 - others));
                    if (net.hi(e) > cap && net.lo(e) <= cap) {
                        net.setHi(e, cap);
                    }
                }
            }
        }
        excludeClosedCycles();
    }

    /**
     * A set of actors that hold all of one another with nobody outside (A owns all of B, B all of
     * A) makes the sums over walks infinite: its stakes are set aside, with an error.
     */
    private void excludeClosedCycles() {
        int n = net.nodes();
        int m = net.edges();
        int[] from = new int[m];
        int[] to = new int[m];
        int k = 0;
        for (int e = 0; e < m; e++) {
            if (countsAsOwnership(e) && net.lo(e) > 0) {
                from[k] = net.holder(e);
                to[k] = net.target(e);
                k++;
            }
        }
        int[][] csr = Scc.csr(n, from, to, k);
        int[] comp = Scc.components(n, csr[0], csr[1]);
        int[] size = Scc.sizes(comp);
        int comps = size.length;
        // internal lower-bound column sums
        double[] internal = new double[n];
        for (int e = 0; e < m; e++) {
            if (countsAsOwnership(e) && comp[net.holder(e)] == comp[net.target(e)]) {
                internal[net.target(e)] += net.lo(e);
            }
        }
        boolean[] open = new boolean[comps];
        for (int v = 0; v < n; v++) {
            if (size[comp[v]] > 1 && internal[v] < 1 - 1e-9) {
                open[comp[v]] = true;
            }
        }
        List<List<Integer>> closed = new ArrayList<>();
        int[] slot = new int[comps];
        Arrays.fill(slot, -1);
        for (int e = 0; e < m; e++) {
            int c = comp[net.holder(e)];
            if (countsAsOwnership(e) && c == comp[net.target(e)] && size[c] > 1 && !open[c]) {
                if (slot[c] < 0) {
                    slot[c] = closed.size();
                    closed.add(new ArrayList<>());
                }
                closed.get(slot[c]).add(e);
                excluded[e] = true;
            }
        }
        for (List<Integer> edges : closed) {
            List<String> names = new ArrayList<>();
            java.util.TreeSet<String> members = new java.util.TreeSet<>();
            for (int e : edges) {
                names.add(sink.edge(e));
                members.add(sink.node(net.holder(e)));
            }
            names.sort(null);
            findings.add(new Finding(Finding.Severity.ERROR, "ownership cycle with no outside owner: "
                    + String.join(", ", members) + " hold all of one another, so shares through them have no "
                    + "finite total; these stakes are set aside", names));
        }
    }

    static String pct(double fraction) {
        return new java.math.BigDecimal(fraction * 100).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ effective shares

    /** Effective shares F (fractions), lower and upper bounds, for every pair kept. */
    public static final class Effective {
        int size;
        int[] holder = new int[64];
        int[] target = new int[64];
        double[] lo = new double[64];
        double[] hi = new double[64];
        /** Pairs whose upper bound did not converge and was set to 100 %. */
        int unbounded;

        void add(int h, int t, double l, double u) {
            if (size == holder.length) {
                int c = size * 2;
                holder = Arrays.copyOf(holder, c);
                target = Arrays.copyOf(target, c);
                lo = Arrays.copyOf(lo, c);
                hi = Arrays.copyOf(hi, c);
            }
            holder[size] = h;
            target[size] = t;
            lo[size] = l;
            hi[size] = u;
            size++;
        }

        public int size() {
            return size;
        }

        public int holder(int i) {
            return holder[i];
        }

        public int target(int i) {
            return target[i];
        }

        public double lo(int i) {
            return lo[i];
        }

        public double hi(int i) {
            return hi[i];
        }
    }

    /** Per-thread work space for the walk sums. */
    private final class Walker {
        final double[] curLo;
        final double[] curHi;
        final double[] nextLo;
        final double[] nextHi;
        final double[] accLo;
        final double[] accHi;
        final boolean[] inNext;
        final boolean[] inAcc;
        int[] cur = new int[64];
        int curSize;
        int[] next = new int[64];
        int nextSize;
        int[] acc = new int[64];
        int accSize;
        boolean diverged;

        Walker(int n) {
            curLo = new double[n];
            curHi = new double[n];
            nextLo = new double[n];
            nextHi = new double[n];
            accLo = new double[n];
            accHi = new double[n];
            inNext = new boolean[n];
            inAcc = new boolean[n];
        }

        private void pushNext(int v, double l, double u) {
            if (!inNext[v]) {
                inNext[v] = true;
                if (nextSize == next.length) {
                    next = Arrays.copyOf(next, nextSize * 2);
                }
                next[nextSize++] = v;
            }
            nextLo[v] += l;
            nextHi[v] += u;
        }

        /** Sums every walk ending at t into acc (E[.][t]); returns normally even when it did not converge. */
        void walk(int t) {
            diverged = false;
            for (int i = net.inStart(t); i < net.inEnd(t); i++) {
                int e = net.inEdge(i);
                if (countsAsOwnership(e)) {
                    pushNext(net.holder(e), net.lo(e), net.hi(e));
                }
            }
            int level = 0;
            while (nextSize > 0) {
                if (++level > maxLevels) {
                    diverged = true;
                    for (int i = 0; i < nextSize; i++) {
                        int v = next[i];
                        inNext[v] = false;
                        nextLo[v] = 0;
                        nextHi[v] = 0;
                    }
                    nextSize = 0;
                    break;
                }
                // next -> cur (pruned)
                int[] swap = cur;
                cur = next;
                next = swap;
                curSize = nextSize;
                nextSize = 0;
                int kept = 0;
                for (int i = 0; i < curSize; i++) {
                    int v = cur[i];
                    inNext[v] = false;
                    double l = nextLo[v];
                    double u = nextHi[v];
                    nextLo[v] = 0;
                    nextHi[v] = 0;
                    if (u < epsilon) {
                        continue;
                    }
                    if (u > 1e6) {
                        diverged = true;
                        u = 1e6;
                    }
                    cur[kept++] = v;
                    curLo[v] = l;
                    curHi[v] = u;
                    if (!inAcc[v]) {
                        inAcc[v] = true;
                        if (accSize == acc.length) {
                            acc = Arrays.copyOf(acc, accSize * 2);
                        }
                        acc[accSize++] = v;
                    }
                    accLo[v] += l;
                    accHi[v] += u;
                }
                curSize = kept;
                if (diverged) {
                    for (int i = 0; i < curSize; i++) {
                        curLo[cur[i]] = 0;
                        curHi[cur[i]] = 0;
                    }
                    break;
                }
                for (int i = 0; i < curSize; i++) {
                    int v = cur[i];
                    double l = curLo[v];
                    double u = curHi[v];
                    curLo[v] = 0;
                    curHi[v] = 0;
                    for (int j = net.inStart(v); j < net.inEnd(v); j++) {
                        int e = net.inEdge(j);
                        if (countsAsOwnership(e)) {
                            pushNext(net.holder(e), l * net.lo(e), u * net.hi(e));
                        }
                    }
                }
            }
        }

        void clearAcc() {
            for (int i = 0; i < accSize; i++) {
                int v = acc[i];
                inAcc[v] = false;
                accLo[v] = 0;
                accHi[v] = 0;
            }
            accSize = 0;
        }
    }

    /**
     * Computes F for every pair whose upper bound is at least {@code threshold} (a fraction),
     * using {@code threads} threads.
     */
    public Effective effectiveShares(double threshold, int threads) {
        int n = net.nodes();
        double[] selfLo = new double[n];
        double[] selfHi = new double[n];
        int workers = Math.max(1, threads);
        Effective[] parts = new Effective[workers];
        int[] unbounded = new int[workers];
        AtomicInteger cursor = new AtomicInteger();
        final int chunk = 1024;
        Runnable[] jobs = new Runnable[workers];
        for (int w = 0; w < workers; w++) {
            final int id = w;
            parts[w] = new Effective();
            jobs[w] = () -> {
                Walker walker = new Walker(n);
                Effective out = parts[id];
                int start;
                while ((start = cursor.getAndAdd(chunk)) < n) {
                    int end = Math.min(n, start + chunk);
                    for (int t = start; t < end; t++) {
                        if (net.inStart(t) == net.inEnd(t)) {
                            continue;
                        }
                        walker.walk(t);
                        boolean div = walker.diverged;
                        for (int i = 0; i < walker.accSize; i++) {
                            int h = walker.acc[i];
                            double l = walker.accLo[h];
                            double u = div ? Double.POSITIVE_INFINITY : walker.accHi[h];
                            if (h == t) {
                                selfLo[t] = l;
                                selfHi[t] = u;
                            } else if (u >= threshold) {
                                out.add(h, t, l, u);
                            }
                        }
                        if (div) {
                            unbounded[id]++;
                        }
                        walker.clearAcc();
                    }
                }
            };
        }
        runAll(jobs);
        // first passage: F = E / (1 + E[h][h]); bounds from the opposite bounds of the self term
        Effective result = new Effective();
        int unb = 0;
        for (int w = 0; w < workers; w++) {
            Effective p = parts[w];
            unb += unbounded[w];
            for (int i = 0; i < p.size; i++) {
                int h = p.holder[i];
                double l = Math.min(1, p.lo[i] / (1 + selfHi[h]));
                double u = Math.min(1, p.hi[i] / (1 + selfLo[h]));
                if (Double.isNaN(l)) {
                    l = 0;
                }
                if (u >= threshold) {
                    result.add(h, p.target[i], Math.min(l, u), u);
                }
            }
            parts[w] = null;
        }
        result.unbounded = unb;
        if (unb > 0) {
            findings.add(new Finding(Finding.Severity.WARNING, unb + " target(s) sit below cycles whose upper-bound "
                    + "shares do not shrink (unknown shares in a cycle); their upper bounds are set to 100 %", List.of()));
        }
        return result;
    }

    private static void runAll(Runnable[] jobs) {
        if (jobs.length == 1) {
            jobs[0].run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs.length);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable r : jobs) {
                futures.add(pool.submit(r));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ control

    /** Immediate controllers, and why. */
    public static final class Control {
        /** controllers[t]: the immediate controllers of t (each controls t, none through another of them). */
        public final int[][] controllers;
        /** grounds[t][i]: the edges behind controllers[t][i]; null unless asked for. */
        public final int[][][] grounds;
        /** ultimate[t]: the ultimate controllers of t; empty when nobody controls t. */
        public int[][] ultimate;

        Control(int n, boolean withGrounds) {
            controllers = new int[n][];
            grounds = withGrounds ? new int[n][][] : null;
            Arrays.fill(controllers, EMPTY);
        }
    }

    static final int[] EMPTY = new int[0];

    /** Computes control and ultimate controllers. {@code withGrounds} keeps the edges behind each relation. */
    public Control control(boolean withGrounds) {
        int n = net.nodes();
        int m = net.edges();
        Control c = new Control(n, withGrounds);
        // does a target have voting-rights edges?
        boolean[] hasVotes = new boolean[n];
        for (int e = 0; e < m; e++) {
            if (!excluded[e] && net.kind(e) == OwnershipNetwork.VOTE) {
                hasVotes[net.target(e)] = true;
            }
        }
        // visit order: strongly connected components of all edges, holders first
        int[] from = new int[m];
        int[] to = new int[m];
        int k = 0;
        for (int e = 0; e < m; e++) {
            if (!excluded[e]) {
                from[k] = net.holder(e);
                to[k] = net.target(e);
                k++;
            }
        }
        int[][] csr = Scc.csr(n, from, to, k);
        int[] comp = Scc.components(n, csr[0], csr[1]);
        int comps = 0;
        for (int x : comp) {
            comps = Math.max(comps, x + 1);
        }
        int[] compStart = new int[comps + 1];
        for (int v = 0; v < n; v++) {
            compStart[comp[v] + 1]++;
        }
        for (int i = 0; i < comps; i++) {
            compStart[i + 1] += compStart[i];
        }
        int[] fill = Arrays.copyOf(compStart, comps);
        int[] members = new int[n];
        for (int v = 0; v < n; v++) {
            members[fill[comp[v]]++] = v;
        }
        ControlWork work = new ControlWork(n, hasVotes, c, withGrounds);
        // Tarjan numbers sinks first: go from the highest component (sources) down
        for (int ci = comps - 1; ci >= 0; ci--) {
            int s = compStart[ci];
            int eEnd = compStart[ci + 1];
            if (eEnd - s == 1) {
                work.settle(members[s]);
            } else {
                work.settleCycle(members, s, eEnd, comp, ci);
            }
        }
        c.ultimate = ultimate(c.controllers);
        return c;
    }

    private final class ControlWork {
        final boolean[] hasVotes;
        final Control c;
        final boolean withGrounds;
        final double[] votes;
        final int[] mark;
        int stamp = 1;
        final int[] touched;
        int touchedSize;
        final int[] stack;
        // for grounds: which holders counted for which candidate is recomputed when asked
        ControlWork(int n, boolean[] hasVotes, Control c, boolean withGrounds) {
            this.hasVotes = hasVotes;
            this.c = c;
            this.withGrounds = withGrounds;
            votes = new double[n];
            mark = new int[n];
            touched = new int[n];
            stack = new int[n];
        }

        /** The entity and every entity up its chain of controllers, into a fresh list. */
        int[] upClosure(int x, int exclude) {
            int st = ++stamp;
            int sp = 0;
            List<Integer> out = null;
            int[] buf = new int[8];
            int size = 0;
            stack[sp++] = x;
            mark[x] = st;
            while (sp > 0) {
                int v = stack[--sp];
                if (v == exclude) {
                    continue;
                }
                if (size == buf.length) {
                    buf = Arrays.copyOf(buf, size * 2);
                }
                buf[size++] = v;
                for (int p : c.controllers[v]) {
                    if (mark[p] != st) {
                        mark[p] = st;
                        stack[sp++] = p;
                    }
                }
            }
            return Arrays.copyOf(buf, size);
        }

        /** children[c]: what c controls immediately (kept in step with controllers, for the worklist). */
        int[][] children;
        int[] childCount;
        boolean[] queued;

        /**
         * Settles the members of a strongly connected component with a worklist: when the
         * controllers of t change, the targets held by t or by anything t controls are settled again.
         */
        void settleCycle(int[] members, int from, int to, int[] comp, int ci) {
            if (children == null) {
                children = new int[votes.length][];
                childCount = new int[votes.length];
            }
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            if (queued == null) {
                queued = new boolean[votes.length];
            }
            for (int i = from; i < to; i++) {
                queue.add(members[i]);
                queued[members[i]] = true;
            }
            long budget = 64L * (to - from) + 1000;

            while (!queue.isEmpty()) {
                int t = queue.poll();
                queued[t] = false;
                int[] before = c.controllers[t];
                if (!settle(t)) {
                    continue;
                }
                for (int p : before) {
                    removeChild(p, t);
                }
                for (int p : c.controllers[t]) {
                    addChild(p, t);
                }
                if (--budget < 0) {
                    findings.add(new Finding(Finding.Severity.WARNING, "control inside a cycle of " + (to - from)
                            + " entities did not settle; the controllers found so far are kept", List.of()));
                    while (!queue.isEmpty()) {
                        queued[queue.poll()] = false;
                    }
                    return;
                }
                // t and everything below it in control; then the targets they hold in this
                // component that nothing below t already controls (for those, what changed
                // above t cannot change the lowest controller)
                int st = ++stamp;
                int sp = 0;
                int seen = 0;
                stack[sp++] = t;
                mark[t] = st;
                while (sp > 0) {
                    int v = stack[--sp];
                    touched[seen++] = v;
                    for (int k = 0; k < childCount[v]; k++) {
                        int ch = children[v][k];
                        if (mark[ch] != st) {
                            mark[ch] = st;
                            stack[sp++] = ch;
                        }
                    }
                }
                for (int k = 0; k < seen; k++) {
                    int v = touched[k];
                    for (int i = net.outStart(v); i < net.outEnd(v); i++) {
                        int y = net.target(net.outEdge(i));
                        if (comp[y] != ci || queued[y]) {
                            continue;
                        }
                        boolean settledBelow = false;
                        for (int p : c.controllers[y]) {
                            if (mark[p] == st) {
                                settledBelow = true;
                                break;
                            }
                        }
                        if (!settledBelow) {
                            queued[y] = true;
                            queue.add(y);
                        }
                    }
                }
            }
        }

        private void addChild(int p, int t) {
            if (children[p] == null) {
                children[p] = new int[2];
            } else if (childCount[p] == children[p].length) {
                children[p] = Arrays.copyOf(children[p], childCount[p] * 2);
            }
            children[p][childCount[p]++] = t;
        }

        private void removeChild(int p, int t) {
            for (int k = 0; k < childCount[p]; k++) {
                if (children[p][k] == t) {
                    children[p][k] = children[p][--childCount[p]];
                    return;
                }
            }
        }

        /** Recomputes the immediate controllers of t; returns whether they changed. */
        boolean settle(int t) {
            List<Integer> direct = new ArrayList<>();
            List<int[]> directGrounds = new ArrayList<>();
            touchedSize = 0;
            boolean votesByVotingRights = hasVotes[t];
            List<int[]> counted = withGrounds ? new ArrayList<>() : null; // {edge, candidate}
            for (int i = net.inStart(t); i < net.inEnd(t); i++) {
                int e = net.inEdge(i);
                if (excluded[e]) {
                    continue;
                }
                byte k = net.kind(e);
                int h = net.holder(e);
                if (k == OwnershipNetwork.CONTROL || k == OwnershipNetwork.GOVERNMENT || k == OwnershipNetwork.PARENT) {
                    int at = direct.indexOf(h);
                    if (at < 0) {
                        direct.add(h);
                        directGrounds.add(new int[] {e});
                    } else {
                        int[] g = directGrounds.get(at);
                        g = Arrays.copyOf(g, g.length + 1);
                        g[g.length - 1] = e;
                        directGrounds.set(at, g);
                    }
                    continue;
                }
                boolean voting = votesByVotingRights ? k == OwnershipNetwork.VOTE : k == OwnershipNetwork.OWN;
                if (!voting || net.lo(e) <= 0) {
                    continue;
                }
                for (int cand : upClosure(h, t)) {
                    if (votes[cand] == 0) {
                        touched[touchedSize++] = cand;
                    }
                    votes[cand] += net.lo(e);
                    if (counted != null) {
                        counted.add(new int[] {e, cand});
                    }
                }
            }
            // majority candidates; keep the lowest ones (not controlling another candidate)
            List<Integer> majority = new ArrayList<>();
            for (int i = 0; i < touchedSize; i++) {
                int cand = touched[i];
                if (votes[cand] > 0.5 + 1e-12 && cand != t) {
                    majority.add(cand);
                }
            }
            // a candidate is not minimal when it is up the chain of controllers of another one:
            // mark everything strictly above the candidates, each node once
            List<Integer> minimal = new ArrayList<>();
            if (majority.size() == 1) {
                minimal.add(majority.get(0));
            } else if (!majority.isEmpty()) {
                int st = ++stamp;
                int sp = 0;
                for (int cand : majority) {
                    for (int p : c.controllers[cand]) {
                        if (mark[p] != st) {
                            mark[p] = st;
                            stack[sp++] = p;
                        }
                    }
                }
                while (sp > 0) {
                    int v = stack[--sp];
                    for (int p : c.controllers[v]) {
                        if (mark[p] != st) {
                            mark[p] = st;
                            stack[sp++] = p;
                        }
                    }
                }
                for (int cand : majority) {
                    if (mark[cand] != st) {
                        minimal.add(cand);
                    }
                }
            }
            for (int i = 0; i < touchedSize; i++) {
                votes[touched[i]] = 0;
            }
            List<Integer> all = new ArrayList<>(direct);
            List<int[]> allGrounds = new ArrayList<>(directGrounds);
            for (int cand : minimal) {
                if (all.contains(cand)) {
                    continue;
                }
                all.add(cand);
                if (counted != null) {
                    allGrounds.add(counted.stream().filter(p -> p[1] == cand).mapToInt(p -> p[0]).distinct().toArray());
                } else {
                    allGrounds.add(EMPTY);
                }
            }
            int[] now = all.stream().mapToInt(Integer::intValue).toArray();
            boolean changed = !Arrays.equals(now, c.controllers[t]);
            c.controllers[t] = now.length == 0 ? EMPTY : now;
            if (c.grounds != null) {
                c.grounds[t] = allGrounds.toArray(new int[0][]);
            }
            return changed;
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Ultimate controllers over the control graph's components: roots, or closed control cycles. */
    private int[][] ultimate(int[][] controllers) {
        int n = controllers.length;
        int m = 0;
        for (int[] cs : controllers) {
            m += cs.length;
        }
        int[] from = new int[m];
        int[] to = new int[m];
        int k = 0;
        for (int t = 0; t < n; t++) {
            for (int p : controllers[t]) {
                from[k] = p;
                to[k] = t;
                k++;
            }
        }
        int[][] csr = Scc.csr(n, from, to, m);
        int[] comp = Scc.components(n, csr[0], csr[1]);
        int[] compSize = Scc.sizes(comp);
        int comps = compSize.length;
        Integer[] order = new Integer[n];
        for (int v = 0; v < n; v++) {
            order[v] = v;
        }
        // controllers first: higher component numbers first
        Arrays.sort(order, (a, b) -> Integer.compare(comp[b], comp[a]));
        int[][] ult = new int[n][];
        int[][] compUlt = new int[comps][];
        java.util.Map<Integer, List<Integer>> cycleMembers = null;
        for (int idx = 0; idx < n; idx++) {
            int t = order[idx];
            int ct = comp[t];
            if (compSize[ct] > 1) {
                if (compUlt[ct] == null) {
                    // members of a control cycle: roots are the outside controllers' roots, or the cycle itself
                    java.util.TreeSet<Integer> roots = new java.util.TreeSet<>();
                    if (cycleMembers == null) {
                        cycleMembers = new java.util.HashMap<>();
                        for (int v = 0; v < n; v++) {
                            if (compSize[comp[v]] > 1) {
                                cycleMembers.computeIfAbsent(comp[v], x -> new ArrayList<>()).add(v);
                            }
                        }
                    }
                    List<Integer> cycle = cycleMembers.get(ct);
                    for (int v : cycle) {
                        for (int p : controllers[v]) {
                            if (comp[p] != ct) {
                                for (int r : (ult[p].length == 0 ? new int[] {p} : ult[p])) {
                                    roots.add(r);
                                }
                            }
                        }
                    }
                    if (roots.isEmpty()) {
                        roots.addAll(cycle);
                        List<String> names = cycle.stream().map(sink::node).sorted().toList();
                        findings.add(new Finding(Finding.Severity.WARNING, "circular control: "
                                + String.join(", ", names) + " control one another and nobody outside controls "
                                + "them; each of them is reported as an ultimate controller of the others", List.of()));
                    }
                    compUlt[ct] = roots.stream().mapToInt(Integer::intValue).toArray();
                }
                int[] r = compUlt[ct];
                ult[t] = Arrays.stream(r).filter(x -> x != t).toArray();
                if (ult[t].length == r.length) {
                    ult[t] = r;
                }
                continue;
            }
            int[] cs = controllers[t];
            if (cs.length == 0) {
                ult[t] = EMPTY;
            } else if (cs.length == 1) {
                int p = cs[0];
                ult[t] = ult[p].length == 0 ? new int[] {p} : ult[p];
            } else {
                java.util.TreeSet<Integer> roots = new java.util.TreeSet<>();
                for (int p : cs) {
                    if (ult[p].length == 0) {
                        roots.add(p);
                    } else {
                        for (int r : ult[p]) {
                            roots.add(r);
                        }
                    }
                }
                ult[t] = roots.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return ult;
    }
}

package org.w3id.rekg.ownership;

import org.w3id.rekg.bench.NetworkGenerator;

import java.util.Arrays;

/**
 * A compact ownership and control network: actors, firms and sites numbered from 0, and edges
 * from a holder to a target, each with a share range in [0, 1] and a kind. It is what the engine
 * computes over, whether it was read from the store ({@link StakeReader}) or generated
 * ({@link NetworkGenerator}).
 *
 * <p>Shares are fractions: 0.765 for 76.5 %. An unknown share is the range [0, cap], where cap is
 * what the other holders of the target leave; {@link #UNKNOWN} marks such edges.
 */
public final class OwnershipNetwork {
    /** A shareholding: ownership, and votes unless the target has voting-rights edges. */
    public static final byte OWN = 0;
    /** Voting rights: counts for control only. */
    public static final byte VOTE = 1;
    /** A right of control without a share (by law, by the articles, by running the site, by consolidation). */
    public static final byte CONTROL = 2;
    /** A state and one of its government bodies: the body is the state (100 % and control). */
    public static final byte GOVERNMENT = 3;
    /** A state and a state-owned enterprise, or a firm and a unit that is part of it: control, share unknown. */
    public static final byte PARENT = 4;

    /** Flag of an edge whose share nobody gave. */
    public static final byte UNKNOWN = 1;

    private int n;
    private int m;
    private int[] holder = new int[16];
    private int[] target = new int[16];
    private double[] lo = new double[16];
    private double[] hi = new double[16];
    private byte[] kind = new byte[16];
    private byte[] flags = new byte[16];
    private int[] origin = new int[16];

    // built on freeze()
    private int[] inOffsets;
    private int[] inEdges;
    private int[] outOffsets;
    private int[] outEdges;

    public OwnershipNetwork(int nodes) {
        this.n = nodes;
    }

    public int nodes() {
        return n;
    }

    public int edges() {
        return m;
    }

    /** Adds a node and returns its number. */
    public int addNode() {
        inOffsets = null;
        return n++;
    }

    /**
     * Adds an edge; {@code origin} is the caller's index of what it came from (a stake), or -1.
     * Shares are fractions; for an unknown share give {@code Double.NaN} for both bounds.
     */
    public int addEdge(int h, int t, double shareLo, double shareHi, byte k, int originIndex) {
        if (m == holder.length) {
            int c = m * 2;
            holder = Arrays.copyOf(holder, c);
            target = Arrays.copyOf(target, c);
            lo = Arrays.copyOf(lo, c);
            hi = Arrays.copyOf(hi, c);
            kind = Arrays.copyOf(kind, c);
            flags = Arrays.copyOf(flags, c);
            origin = Arrays.copyOf(origin, c);
        }
        holder[m] = h;
        target[m] = t;
        boolean unknown = Double.isNaN(shareLo) && Double.isNaN(shareHi);
        lo[m] = unknown ? 0 : shareLo;
        hi[m] = unknown ? 1 : shareHi;
        kind[m] = k;
        flags[m] = unknown ? UNKNOWN : 0;
        origin[m] = originIndex;
        inOffsets = null;
        return m++;
    }

    public int holder(int e) {
        return holder[e];
    }

    public int target(int e) {
        return target[e];
    }

    public double lo(int e) {
        return lo[e];
    }

    public double hi(int e) {
        return hi[e];
    }

    public byte kind(int e) {
        return kind[e];
    }

    public boolean unknown(int e) {
        return (flags[e] & UNKNOWN) != 0;
    }

    public int origin(int e) {
        return origin[e];
    }

    void setHi(int e, double v) {
        hi[e] = v;
    }

    void setLo(int e, double v) {
        lo[e] = v;
    }

    /** Builds the in- and out-adjacency; called by the engine. */
    void freeze() {
        if (inOffsets != null) {
            return;
        }
        int[][] in = Scc.csr(n, target, holder, m);
        inOffsets = in[0];
        inEdges = in[2];
        int[][] out = Scc.csr(n, holder, target, m);
        outOffsets = out[0];
        outEdges = out[2];
    }

    int inStart(int v) {
        return inOffsets[v];
    }

    int inEnd(int v) {
        return inOffsets[v + 1];
    }

    int inEdge(int i) {
        return inEdges[i];
    }

    int outStart(int v) {
        return outOffsets[v];
    }

    int outEnd(int v) {
        return outOffsets[v + 1];
    }

    int outEdge(int i) {
        return outEdges[i];
    }

    /** Whether the edge carries ownership (a share of the target's capital) in the effective-share sums. */
    boolean isOwnership(int e) {
        return kind[e] == OWN || kind[e] == GOVERNMENT || kind[e] == PARENT;
    }
}

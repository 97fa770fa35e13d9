package org.w3id.rekg.ownership;

/**
 * Strongly connected components of a directed graph given in compressed adjacency form
 * (Tarjan's algorithm, iterative so that chains of a million nodes do not overflow the stack).
 * Components are numbered in reverse topological order: a component's successors get lower
 * numbers than the component itself.
 */
final class Scc {
    private Scc() {}

    /**
     * @param n number of nodes
     * @param offsets {@code offsets[v]..offsets[v+1]} indexes the successors of {@code v} in {@code adj}
     * @param adj successors
     * @return the component of every node; {@code comp.length == n}; the number of components is
     *         {@code max + 1}
     */
    static int[] components(int n, int[] offsets, int[] adj) {
        int[] index = new int[n];
        int[] low = new int[n];
        int[] comp = new int[n];
        java.util.Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int next = 0;
        int compCount = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = offsets[root];
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < offsets[v + 1]) {
                    int w = adj[callEdge[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = offsets[w];
                    } else if (onStack[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            comp[w] = compCount;
                        } while (w != v);
                        compCount++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int u = callNode[depth];
                        if (low[v] < low[u]) {
                            low[u] = low[v];
                        }
                    }
                }
            }
        }
        return comp;
    }

    /** Compressed adjacency from parallel edge arrays: {@code offsets} then {@code adj}, indexed by {@code from}. */
    /** The number of vertices in each component, indexed by component number (as {@link #components} numbers them). */
    static int[] sizes(int[] comp) {
        int comps = 0;
        for (int c : comp) {
            comps = Math.max(comps, c + 1);
        }
        int[] size = new int[comps];
        for (int c : comp) {
            size[c]++;
        }
        return size;
    }

    static int[][] csr(int n, int[] from, int[] to, int m) {
        int[] offsets = new int[n + 1];
        for (int e = 0; e < m; e++) {
            offsets[from[e] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] fill = java.util.Arrays.copyOf(offsets, n);
        int[] adj = new int[m];
        int[] edge = new int[m];
        for (int e = 0; e < m; e++) {
            int p = fill[from[e]]++;
            adj[p] = to[e];
            edge[p] = e;
        }
        return new int[][] {offsets, adj, edge};
    }
}

package org.w3id.rekg.bench;

import org.w3id.rekg.ownership.OwnershipNetwork;

import java.util.SplittableRandom;

/**
 * Synthetic ownership networks shaped like company registers, for benchmarks: a fifth of the
 * nodes are outside holders (people, funds, states) and the rest firms in corporate groups whose
 * sizes follow a power law (a few groups of thousands, most of one or two firms); inside a group
 * each firm has a parent holding 50–100 % of it, along chains up to {@link #MAX_DEPTH} levels
 * deep; what parents leave is held in minority stakes by outside holders chosen with a heavy
 * tail (a few funds hold stakes in very many firms) or by firms of other groups (cross-holdings);
 * and a few firms hold a small stake in the head of their own group, which closes cycles. No
 * target is oversubscribed. The same seed gives the same network.
 */
public final class NetworkGenerator {
    public static final int MAX_DEPTH = 25;

    private NetworkGenerator() {}

    /** About {@code 2 * entities} stakes. */
    public static OwnershipNetwork generate(int entities, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OwnershipNetwork net = new OwnershipNetwork(entities);
        int outside = Math.max(1, entities / 5);
        double[] held = new double[entities];
        int[] depth = new int[entities];
        int firm = outside;
        int maxGroup = Math.max(1, entities / 200);
        while (firm < entities) {
            // Pareto group size, alpha 1.3
            int size = (int) Math.min(maxGroup, Math.floor(Math.pow(1 - rnd.nextDouble(), -1 / 1.3)));
            size = Math.max(1, Math.min(size, entities - firm));
            int start = firm;
            for (int j = 0; j < size; j++, firm++) {
                if (j > 0) {
                    int parent;
                    if (rnd.nextDouble() < 0.5 && depth[firm - 1] < MAX_DEPTH) {
                        parent = firm - 1;
                    } else {
                        parent = start + rnd.nextInt(j);
                    }
                    double share = rnd.nextDouble() < 0.35 ? 1.0 : 0.5 + 0.5 * rnd.nextDouble();
                    net.addEdge(parent, firm, share, share, OwnershipNetwork.OWN, -1);
                    held[firm] += share;
                    depth[firm] = depth[parent] + 1;
                }
                // minority holders for what is left (heads of groups: everything)
                double left = 1 - held[firm];
                if (left > 1e-9) {
                    int k = 1 + geometric(rnd, 0.45);
                    double budget = left * (0.3 + 0.7 * rnd.nextDouble());
                    for (int i = 0; i < k; i++) {
                        double share = i == k - 1 ? budget : budget * rnd.nextDouble();
                        budget -= share;
                        int holder;
                        if (rnd.nextDouble() < 0.9) {
                            // heavy tail: low indexes are the big funds
                            holder = (int) (outside * Math.pow(rnd.nextDouble(), 3));
                        } else {
                            holder = outside + rnd.nextInt(entities - outside);
                        }
                        if (holder == firm || share <= 0) {
                            continue;
                        }
                        net.addEdge(holder, firm, share, share, OwnershipNetwork.OWN, -1);
                        held[firm] += share;
                    }
                }
                // a small stake back in the head of the group closes a cycle
                if (j > 0 && rnd.nextDouble() < 0.02) {
                    double share = 0.01 + 0.04 * rnd.nextDouble();
                    if (held[start] + share <= 1) {
                        net.addEdge(firm, start, share, share, OwnershipNetwork.OWN, -1);
                        held[start] += share;
                    }
                }
            }
        }
        return net;
    }

    private static int geometric(SplittableRandom rnd, double p) {
        int k = 0;
        while (rnd.nextDouble() > p && k < 1000) {
            k++;
        }
        return k;
    }
}

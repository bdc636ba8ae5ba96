package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;

/**
 * The placements of one informative node of a Sparse RHM (docs/science.md §3.A): where its s children sit in its
 * patch of S = s(s0+1) slots. Placements are numbered q = 0..Q−1:
 * <ul>
 *   <li>A: child j sits at slot j(s0+1) + o_j; q = Σ_j o_j (s0+1)^(s−1−j) (offsets lexicographic, child 0 most
 *   significant);</li>
 *   <li>B: the children take an order-preserving s-subset of the S slots; q = rank of the sorted subset in
 *   lexicographic order;</li>
 *   <li>NONE (dense RHM): the single placement, child j at slot j.</li>
 * </ul>
 * Both laws preserve the order of the children, so the informative nodes of a level read left to right are
 * the children of the previous level's informative nodes in order, whatever the placements.
 */
public final class Placements {
    private final Hierarchy h;
    private final int s, patch, count;
    /** slots[q·s + j] = slot of child j under placement q. */
    private final int[] slots;
    private final long[][] binomial;

    public Placements(Hierarchy h) {
        this.h = h;
        this.s = h.branching();
        this.patch = h.patchSize();
        this.count = Math.toIntExact(h.placementsPerNode());
        this.binomial = binomials(patch);
        this.slots = new int[count * s];
        int[] current = new int[s];
        for (int q = 0; q < count; q++) {
            switch (h.placement()) {
                case NONE -> { for (int j = 0; j < s; j++) current[j] = j; }
                case A -> {
                    int base = h.sparsity() + 1, rest = q;
                    for (int j = s - 1; j >= 0; j--) {
                        current[j] = j * base + rest % base;
                        rest /= base;
                    }
                }
                case B -> unrankSubset(q, current);
            }
            System.arraycopy(current, 0, slots, q * s, s);
        }
        for (int q = 0; q < count; q++) {
            int[] check = new int[s];
            System.arraycopy(slots, q * s, check, 0, s);
            if (rank(check) != q) throw new IllegalStateException("placement numbering is not a bijection at q = " + q);
        }
    }

    /** Q, placements per informative node. */
    public int count() {
        return count;
    }

    /** S = s(s0+1), the slots of a patch. */
    public int patchSize() {
        return patch;
    }

    /** Slot of child j under placement q. */
    public int slot(int q, int j) {
        return slots[q * s + j];
    }

    /** A copy of the slot table, index q·s + j. */
    public int[] slotTable() {
        return slots.clone();
    }

    /** The placement number of increasing slots, or −1 if the law does not allow them. */
    public int rank(int[] sortedSlots) {
        for (int j = 1; j < s; j++) if (sortedSlots[j] <= sortedSlots[j - 1]) return -1;
        switch (h.placement()) {
            case NONE -> {
                for (int j = 0; j < s; j++) if (sortedSlots[j] != j) return -1;
                return 0;
            }
            case A -> {
                int base = h.sparsity() + 1, q = 0;
                for (int j = 0; j < s; j++) {
                    int o = sortedSlots[j] - j * base;
                    if (o < 0 || o >= base) return -1;
                    q = q * base + o;
                }
                return q;
            }
            default -> {
                long q = 0;
                int from = 0;
                for (int j = 0; j < s; j++) {
                    // subsets whose j-th element is smaller than ours come first
                    for (int x = from; x < sortedSlots[j]; x++) q += binomial[patch - 1 - x][s - 1 - j];
                    from = sortedSlots[j] + 1;
                }
                return (int) q;
            }
        }
    }

    private void unrankSubset(int q, int[] out) {
        long rest = q;
        int x = 0;
        for (int j = 0; j < s; j++) {
            while (true) {
                long after = binomial[patch - 1 - x][s - 1 - j];
                if (rest < after) break;
                rest -= after;
                x++;
            }
            out[j] = x++;
        }
    }

    private static long[][] binomials(int n) {
        long[][] c = new long[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            c[i][0] = 1;
            for (int k = 1; k <= i; k++) c[i][k] = c[i - 1][k - 1] + (k <= i - 1 ? c[i - 1][k] : 0);
        }
        return c;
    }
}

package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;

import java.math.BigInteger;

/**
 * Exact bottom-up parser of the grammar (docs/science.md §10.3): since every tuple has at most one parent per level,
 * each patch determines its parent, rule and placement, so a string has at most one derivation. Reading patches
 * left to right numbers the informative nodes of each depth in generation order, because placements keep the
 * children's order.
 *
 * <p>Not thread-safe (scratch buffers); one parser per thread.
 */
public final class Parser {
    private final Rules rules;
    private final Hierarchy h;
    private final IndexSpace space;
    private final Placements placements;
    private final int v, m, s, depth, patch, d;
    private final int[] current, parents, tuple, slots;

    public Parser(Rules rules) {
        this.rules = rules;
        this.h = rules.hierarchy();
        this.space = new IndexSpace(h);
        this.placements = new Placements(h);
        this.v = h.vocabulary();
        this.m = h.multiplicity();
        this.s = h.branching();
        this.depth = h.depth();
        this.patch = h.patchSize();
        this.d = h.inputLength();
        this.current = new int[d];
        this.parents = new int[d];
        this.tuple = new int[s];
        this.slots = new int[s];
    }

    /** Parses one datum of d tokens (blank = v). */
    public ParseResult parse(byte[] datum) {
        if (datum.length != d) return ParseResult.rejected("length " + datum.length + " ≠ d = " + d);
        return parse(datum, 0);
    }

    /** Parses the d tokens at {@code data[offset..offset+d)}. */
    public ParseResult parse(byte[] data, int offset) {
        for (int p = 0; p < d; p++) {
            int x = data[offset + p] & 0xff;
            if (x > v || (x == v && !h.isSparse()))
                return ParseResult.rejected("token " + x + " at position " + p + " is not a symbol of [0, v = " + v + ")"
                        + (h.isSparse() ? " nor the blank " + v : ""));
            current[p] = x;
        }
        int[] choices = new int[space.digits()];
        int[] seq = current, up = parents;
        int width = d;
        for (int t = depth - 1; t >= 0; t--) {
            int nodes = width / patch, informative = 0, expected = 1;
            for (int k = 0; k < t; k++) expected *= s;
            int first = space.firstDigitOfDepth(t);
            for (int p = 0; p < nodes; p++) {
                int found = 0;
                for (int slot = 0; slot < patch; slot++) {
                    int x = seq[p * patch + slot];
                    if (x == v) continue;
                    if (found == s) return ParseResult.rejected("patch " + p + " at depth " + t + " has more than s = " + s + " symbols");
                    tuple[found] = x;
                    slots[found++] = slot;
                }
                if (found == 0) {
                    up[p] = v;
                    continue;
                }
                if (found < s) return ParseResult.rejected("patch " + p + " at depth " + t + " has " + found + " symbols, not s = " + s);
                int q = placements.rank(slots);
                if (q < 0) return ParseResult.rejected("patch " + p + " at depth " + t + " places its symbols where placement " + h.placement() + " cannot");
                int parent = rules.parentOf(t, rules.tupleCode(tuple));
                if (parent < 0) return ParseResult.rejected("tuple " + java.util.Arrays.toString(tuple) + " at depth " + t + " is produced by no rule");
                if (informative == expected) return ParseResult.rejected("depth " + t + " has more than s^t = " + expected + " informative nodes");
                choices[first + informative++] = (parent % m) * space.placements() + q;
                up[p] = parent / m;
            }
            int[] tmp = seq; seq = up; up = tmp;
            width = nodes;
        }
        if (seq[0] == v) return ParseResult.rejected("the input is entirely blank");
        return ParseResult.accepted(new Derivation(seq[0], choices, space.placements()));
    }

    /** The index of a datum in [0, P_max); the inverse of decoding. */
    public BigInteger indexOf(byte[] datum) {
        ParseResult result = parse(datum);
        if (!result.isAccepted()) throw new IllegalArgumentException("not in the language: " + result.rejection());
        return space.encode(result.derivation().label(), result.derivation().choices());
    }

    public IndexSpace indexSpace() {
        return space;
    }
}

package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.grammar.Derivation;
import io.rhmlab.dsl.grammar.Expander;
import io.rhmlab.dsl.grammar.IndexSpace;
import io.rhmlab.dsl.grammar.Parser;
import io.rhmlab.dsl.grammar.Rules;

import java.math.BigInteger;
import java.util.stream.IntStream;

/**
 * The bijection index ∈ [0, P_max) ↔ datum (docs/science.md §2.A, §9.2, §9.3), numbered as in {@link IndexSpace}:
 * decoding splits the index into the label and one choice (rule·Q + placement) per informative node, then
 * expands top-down; {@link #indexOf} parses back. Bulk decoding runs on all cores in fixed chunks, so its output
 * does not depend on the number of threads. Immutable and thread-safe.
 */
public final class Codec {
    /** Samples per parallel task: large enough to amortise the scratch buffers, small enough to balance. */
    static final int CHUNK = 1 << 14;

    private final Rules rules;
    private final Hierarchy h;
    private final IndexSpace space;

    public Codec(Rules rules) {
        this.rules = rules;
        this.h = rules.hierarchy();
        this.space = new IndexSpace(h);
    }

    public Rules rules() {
        return rules;
    }

    public IndexSpace indexSpace() {
        return space;
    }

    /** The datum with this index. */
    public Datum decode(BigInteger index) {
        int[] choices = new int[space.digits()];
        int label = space.decode(index, choices);
        byte[] out = new byte[h.inputLength()];
        new Expander(rules).expand(label, choices, out, 0);
        return new Datum(label, out);
    }

    public Datum decode(long index) {
        return decode(BigInteger.valueOf(index));
    }

    /** The label and choices of this index, without expanding. */
    public Derivation derivation(BigInteger index) {
        int[] choices = new int[space.digits()];
        int label = space.decode(index, choices);
        return new Derivation(label, choices, space.placements());
    }

    /** The index of a datum of this grammar; {@link IllegalArgumentException} if it is not in the language. */
    public BigInteger indexOf(byte[] datum) {
        return new Parser(rules).indexOf(datum);
    }

    /** Decodes all indices into fresh tokens, in parallel. */
    public Tokens decodeAll(Indices indices) {
        int n = indices.size(), d = h.inputLength();
        byte[] tokens = new byte[Math.multiplyExact(n, d)];
        int[] labels = new int[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Expander expander = new Expander(rules);
            int[] choices = new int[space.digits()];
            int from = c * CHUNK, to = Math.min(n, from + CHUNK);
            if (indices.isLong()) {
                for (int i = from; i < to; i++) {
                    labels[i] = space.decode(indices.longAt(i), choices);
                    expander.expand(labels[i], choices, tokens, i * d);
                }
            } else {
                for (int i = from; i < to; i++) {
                    labels[i] = space.decode(indices.get(i), choices);
                    expander.expand(labels[i], choices, tokens, i * d);
                }
            }
        });
        return Tokens.wrap(tokens, labels, d);
    }
}

package io.rhmlab.engine.net;

import io.rhmlab.dsl.data.Encoding;

/**
 * The encoding of each token as a row of v numbers (docs/science.md §2.A, §3.A): row t &lt; v encodes symbol t, row v
 * the blank, built from {@link Encoding#on}, {@link Encoding#off} and {@link Encoding#blankValue} so that the
 * device input equals the CPU encoder's {@link Encoding#encode} (transposed to channels-last). Encoding a batch is
 * then one gather on the device; the first layer gathers rows of (table · W) directly (see {@link EnsembleNet}).
 */
final class InputTable {
    private InputTable() {
    }

    /** Row-major [(v+1), v]. */
    static float[] rows(Encoding encoding, int v) {
        return rows(encoding, v, false);
    }

    /**
     * Row-major [(v+1), v]; with {@code masked} row v is the last-token task's mask instead of the blank: v^(−1/2) in
     * every channel, whatever the encoding (the reference neither whitens nor learns it; docs/last-token.md §1). The
     * task is defined on the dense RHM, which has no blanks, so the row is free.
     */
    static float[] rows(Encoding encoding, int v, boolean masked) {
        float[] table = new float[(v + 1) * v];
        float on = encoding.on(v), off = encoding.off(v);
        float blank = masked ? (float) (1 / Math.sqrt(v)) : encoding.blankValue(v);
        for (int t = 0; t <= v; t++) {
            for (int c = 0; c < v; c++) {
                table[t * v + c] = t == v ? blank : t == c ? on : off;
            }
        }
        return table;
    }
}

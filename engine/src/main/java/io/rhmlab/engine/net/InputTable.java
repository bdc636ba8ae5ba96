package io.rhmlab.engine.net;

import io.rhmlab.dsl.net.InputEncoding;

/**
 * The encoding of each token as a row of v numbers (science.md §2.A, §3.A): row t &lt; v encodes symbol t, row v
 * the blank. Encoding a batch is then one gather on the device, for every {@link InputEncoding}.
 */
final class InputTable {
    private InputTable() {
    }

    /** Row-major [(v+1), v]. */
    static float[] rows(InputEncoding encoding, int v) {
        float[] table = new float[(v + 1) * v];
        double a = v > 1 ? 1.0 / Math.sqrt(v - 1.0) : 0.0;
        for (int t = 0; t <= v; t++) {
            for (int c = 0; c < v; c++) {
                double hot = t == c ? 1.0 : 0.0;
                double x = switch (encoding) {
                    case ONE_HOT -> hot;
                    // blanks stay zero columns; symbols are centred over channels with unit norm
                    case CENTRED -> t == v ? 0.0 : (hot - 1.0 / v) / Math.sqrt(1.0 - 1.0 / v);
                    // x(1 + a) − a: a blank (all-zero one-hot) becomes −a in every channel, as in the SRHM data
                    case REFERENCE_WHITENED -> hot * (1 + a) - a;
                };
                table[t * v + c] = (float) x;
            }
        }
        return table;
    }
}

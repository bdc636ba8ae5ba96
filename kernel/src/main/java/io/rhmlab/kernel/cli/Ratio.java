package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;

/** P in units of n_c·m^L, the deep CNN's sample-complexity scale (P1): the x axis the papers plot against. */
final class Ratio {
    private Ratio() {
    }

    static double value(double p, Hierarchy h) {
        return p / h.sampleComplexityScale().doubleValue();
    }

    static String of(double p, Hierarchy h) {
        return String.format("%.3g", value(p, h));
    }
}

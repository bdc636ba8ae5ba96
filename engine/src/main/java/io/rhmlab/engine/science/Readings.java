package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;

/** The theory unit and yes/no of report tables; P* writes its own cells ({@link io.rhmlab.engine.curve.PStar#cell}). */
final class Readings {
    private Readings() {
    }

    static double unit(Hierarchy h) {
        return h.sampleComplexityScale().doubleValue();
    }

    static String yes(boolean ok) {
        return ok ? "yes" : "no";
    }
}

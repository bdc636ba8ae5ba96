package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.engine.curve.PStar;

/** Formatting of P* readings for report tables. */
final class Readings {
    private Readings() {
    }

    static double unit(Hierarchy h) {
        return h.sampleComplexityScale().doubleValue();
    }

    /** "604 (2.36 n_c·m^L)" or the reason it is not a number. */
    static String pStar(PStar p, double unit, String unitName) {
        if (p.value().isPresent()) return String.format("%.0f (%.2f %s)", p.samples(), p.samples() / unit, unitName);
        return switch (p.outcome()) {
            case NOT_REACHED -> "not reached";
            case BELOW_AT_SMALLEST -> "below the grid";
            default -> "undefined";
        };
    }

    static String ratio(PStar p, double unit) {
        return p.value().isPresent() ? String.format("%.2f", p.samples() / unit) : pStar(p, unit, "");
    }

    static String yes(boolean ok) {
        return ok ? "yes" : "no";
    }
}

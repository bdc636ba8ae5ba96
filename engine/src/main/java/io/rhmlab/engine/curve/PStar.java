package io.rhmlab.engine.curve;

import java.util.OptionalDouble;

/**
 * A sample complexity P*: the training-set size where a test-error curve crosses a threshold, or why there is
 * none. Only {@link Outcome#CROSSED} carries a value; the others say which side of the measured range P* lies.
 *
 * @param outcome whether and how the curve crossed
 * @param samples P* in samples (NaN unless crossed)
 * @param reason  a sentence for people: where it crossed, or why it did not
 */
public record PStar(Outcome outcome, double samples, String reason) {

    public enum Outcome {
        /** The curve crosses the threshold inside the measured range. */
        CROSSED,
        /** Still above the threshold at the largest P: P* is beyond the range. */
        NOT_REACHED,
        /** Already at or below the threshold at the smallest P: P* is below the range. */
        BELOW_AT_SMALLEST,
        /** No usable points (all runs failed), or realisations disagree on the side. */
        NO_DATA
    }

    /** P*, present only when the curve crossed inside the measured range. */
    public OptionalDouble value() {
        return outcome == Outcome.CROSSED ? OptionalDouble.of(samples) : OptionalDouble.empty();
    }

    /** P* in units of {@code scale} (e.g. n_c·m^L), when crossed. */
    public OptionalDouble inUnitsOf(double scale) {
        return outcome == Outcome.CROSSED ? OptionalDouble.of(samples / scale) : OptionalDouble.empty();
    }

    /** "P* = 462 = 1.81 n_c·m^L" in the theory scale {@code unit} named {@code unitName}, or "P* " and why there is none. */
    public String label(double unit, String unitName) {
        return value().isPresent() ? String.format("P* = %.0f = %.2f %s", samples, samples / unit, unitName) : "P* " + reason;
    }

    /** "604 (2.36 n_c·m^L)" for a table's cell, or which side of the grid it lies: "not reached", "below the grid". */
    public String cell(double unit, String unitName) {
        if (value().isPresent()) return String.format("%.0f (%.2f %s)", samples, samples / unit, unitName);
        return switch (outcome) {
            case NOT_REACHED -> "not reached";
            case BELOW_AT_SMALLEST -> "below the grid";
            default -> "undefined";
        };
    }

    /** P* in units of {@code unit}, "2.36", for a table's cell, or as {@link #cell} says why there is none. */
    public String ratioCell(double unit) {
        return value().isPresent() ? String.format("%.2f", samples / unit) : cell(unit, "");
    }

    /** The order used for medians over realisations: below the range &lt; any P &lt; beyond the range. */
    double sortKey() {
        return switch (outcome) {
            case CROSSED -> samples;
            case BELOW_AT_SMALLEST -> 0;
            case NOT_REACHED -> Double.POSITIVE_INFINITY;
            case NO_DATA -> Double.NaN;
        };
    }

    @Override
    public String toString() {
        return outcome == Outcome.CROSSED ? String.format("P* = %.4g", samples) : "P* " + reason;
    }
}

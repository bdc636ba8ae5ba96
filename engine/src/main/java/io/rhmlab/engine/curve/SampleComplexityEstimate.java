package io.rhmlab.engine.curve;

import java.util.SortedMap;

/**
 * P* of a learning curve at one threshold: per realisation, their median with its interval over
 * realisations, and P* of the per-P median curve (what a single averaged curve would give).
 *
 * @param threshold     the test-error level, e.g. 0.10
 * @param metric        final or best test error
 * @param perSeed       seed ↦ P* of that realisation's curve
 * @param median        the median of {@code perSeed}
 * @param interval      the interval of the median ({@link SampleComplexity#interval}: min–max range below
 *                      {@value SampleComplexity#MIN_BOOTSTRAP} realisations, 95% bootstrap from there on)
 * @param ofMedianCurve P* of the curve of per-P medians
 */
public record SampleComplexityEstimate(double threshold, ErrorMetric metric, SortedMap<Integer, PStar> perSeed,
                                       PStar median, SampleComplexity.Interval interval, PStar ofMedianCurve) {

    @Override
    public String toString() {
        String m = median.value().isPresent()
                ? String.format("P* = %.4g %s", median.samples(), interval)
                : "P* " + median.reason();
        return m + " at " + metric.name().toLowerCase() + " test error " + threshold + " over " + perSeed.size() + " seeds";
    }
}

package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.Observable;
import java.util.SortedMap;

/**
 * Where an observable's curve against P (e.g. S_{2,1}(P)) falls to a threshold: per realisation, the median
 * over realisations with its interval, and the crossing of the per-P median curve — the same procedure
 * as the test-error P* ({@link SampleComplexity}, docs/science.md §9.6).
 *
 * @param observable    e.g. S
 * @param layer         representation k (L + 1 = output)
 * @param level         perturbation level ℓ
 * @param threshold     the level (docs/science.md §3.E.5: 0.3 for S_2, 0.2 for D_2 by default)
 * @param perSeed       seed ↦ crossing
 * @param median        median over seeds
 * @param interval      the interval of the median ({@link SampleComplexity#interval}: min–max or 95% bootstrap)
 * @param ofMedianCurve crossing of the per-P median curve
 */
public record ObservableComplexity(Observable observable, int layer, int level, double threshold,
                                   SortedMap<Integer, PStar> perSeed, PStar median,
                                   SampleComplexity.Interval interval, PStar ofMedianCurve) {

    @Override
    public String toString() {
        String name = observable.at(layer, level);
        String m = median.value().isPresent()
                ? String.format("P*_%s = %.4g %s", name, median.samples(), interval)
                : "P*_" + name + " " + median.reason();
        return m + " at " + name + " = " + threshold + " over " + perSeed.size() + " seeds";
    }
}

package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.LearningCurveSpec;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A measured learning curve: every (seed, P) member with its result, and the readings made from them — the
 * median test error per P, the theory's scales and the sample complexity P*. Failed members are kept (and
 * listed by {@link #failures()}) but are left out of every reading.
 */
public record LearningCurveResult(LearningCurveSpec spec, List<CurveMember> members) {

    public LearningCurveResult {
        members = List.copyOf(members);
    }

    public List<Long> sizes() {
        return spec.sizes();
    }

    public int seeds() {
        return spec.seeds();
    }

    /** Members trained by the call that produced this result. */
    public long trained() {
        return members.stream().filter(m -> !m.reused()).count();
    }

    /** Members served from the store. */
    public long reused() {
        return members.stream().filter(CurveMember::reused).count();
    }

    public List<CurveMember> failures() {
        return members.stream().filter(CurveMember::failed).toList();
    }

    /** The members of one realisation, in increasing P. */
    public List<CurveMember> ofSeed(int seed) {
        return members.stream().filter(m -> m.seed() == seed).toList();
    }

    /** P ↦ median final test error over the realisations (NaN where every run of that P failed). */
    public SortedMap<Long, Double> medianTestError() {
        return medianTestError(ErrorMetric.FINAL);
    }

    public SortedMap<Long, Double> medianTestError(ErrorMetric metric) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (long p : sizes()) {
            double[] e = members.stream().filter(m -> m.trainSize() == p && !m.failed())
                    .mapToDouble(m -> metric.of(m.result())).filter(x -> !Double.isNaN(x)).sorted().toArray();
            out.put(p, median(e));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** P ↦ test error of realisation {@code seed} (failed runs left out). */
    public SortedMap<Long, Double> testError(int seed, ErrorMetric metric) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (CurveMember m : ofSeed(seed)) if (!m.failed()) out.put(m.trainSize(), metric.of(m.result()));
        return Collections.unmodifiableSortedMap(out);
    }

    /** n_c·m^L, P_max and the Sparse-RHM scales of the task. */
    public Scales scales() {
        return Scales.of(spec.hierarchy());
    }

    /** P* at 10% final test error. */
    public SampleComplexityEstimate sampleComplexity() {
        return sampleComplexity(SampleComplexity.DEFAULT_THRESHOLD, ErrorMetric.FINAL);
    }

    public SampleComplexityEstimate sampleComplexity(double threshold) {
        return sampleComplexity(threshold, ErrorMetric.FINAL);
    }

    public SampleComplexityEstimate sampleComplexity(double threshold, ErrorMetric metric) {
        TreeMap<Integer, PStar> perSeed = new TreeMap<>();
        for (int seed = 1; seed <= seeds(); seed++) {
            perSeed.put(seed, SampleComplexity.crossing(testError(seed, metric), threshold));
        }
        List<PStar> values = List.copyOf(perSeed.values());
        TreeMap<Long, Double> medianCurve = new TreeMap<>(medianTestError(metric));
        medianCurve.values().removeIf(x -> Double.isNaN(x));
        return new SampleComplexityEstimate(threshold, metric, Collections.unmodifiableSortedMap(perSeed),
                SampleComplexity.median(values), SampleComplexity.bootstrap(values, 0.95),
                SampleComplexity.crossing(medianCurve, threshold));
    }

    /** A plain-text table: one line per P with the median and per-seed errors, then P*. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.hierarchy().summary()).append(" · ").append(spec.architecture().label())
                .append(" · ").append(seeds()).append(" seeds · ").append(trained()).append(" trained, ")
                .append(reused()).append(" reused").append(failures().isEmpty() ? "" : ", " + failures().size() + " FAILED")
                .append('\n').append(String.format("%10s %10s  %s%n", "P", "median ε", "ε per seed"));
        SortedMap<Long, Double> med = medianTestError();
        for (long p : sizes()) {
            sb.append(String.format("%10d %10.4f ", p, med.get(p)));
            for (CurveMember m : members) {
                if (m.trainSize() == p) sb.append(m.failed() ? "  FAILED" : String.format(" %7.4f", m.testError()));
            }
            sb.append('\n');
        }
        return sb.append(sampleComplexity()).toString();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.Observable;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A measured learning curve: every (seed, P) member with its result, and the readings made from them — the
 * median test error per P, the theory's scales, the sample complexity P* and the observables. FAILED and DIVERGED
 * members are kept (listed by {@link #failures()} and {@link #divergences()}) but are left out of every reading:
 * an optimisation failure is not a sample-complexity signal. A realisation whose run at some P diverged simply has
 * no point there. The same type comes from a training call ({@link LearningCurve#run()}) and from a store
 * ({@link StoredCurves}), and is what the figures draw.
 *
 * @param label     what the curve is called in legends and tables (by default its network's label)
 * @param criterion what defines its P* (10 % final test error by default): {@link #sampleComplexity()}, the command
 *                  line and the figures all read P* with it
 */
public record LearningCurveResult(LearningCurveSpec spec, List<CurveMember> members, String label, PStarCriterion criterion) {

    public LearningCurveResult {
        members = List.copyOf(members);
        if (label == null) label = spec.architecture().label();
        if (criterion == null) criterion = PStarCriterion.DEFAULT;
        // one run per (realisation, P): a second one would silently replace or average with the first in every reading
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (CurveMember m : members) {
            String other = seen.putIfAbsent(m.seed() + "|" + m.trainSize(), m.id());
            if (other != null) {
                throw new IllegalArgumentException("curve " + label + ": two runs (" + other + ", " + m.id() + ") for realisation "
                        + m.seed() + " at P = " + m.trainSize() + "; a curve has one run per (realisation, P)");
            }
        }
    }

    public LearningCurveResult(LearningCurveSpec spec, List<CurveMember> members, String label) {
        this(spec, members, label, PStarCriterion.DEFAULT);
    }

    public LearningCurveResult(LearningCurveSpec spec, List<CurveMember> members) {
        this(spec, members, null, PStarCriterion.DEFAULT);
    }

    /** The same curve under another label (legends). */
    public LearningCurveResult withLabel(String newLabel) {
        return new LearningCurveResult(spec, members, newLabel, criterion);
    }

    /** The same curve read with another P* criterion: its figures draw that threshold and that P*. */
    public LearningCurveResult withCriterion(PStarCriterion c) {
        return new LearningCurveResult(spec, members, label, c);
    }

    /** The same curve with P* at test error {@code threshold} (same metric). */
    public LearningCurveResult withThreshold(double threshold) {
        return withCriterion(criterion.withThreshold(threshold));
    }

    public List<Long> sizes() {
        return spec.sizes();
    }

    public int seeds() {
        return spec.seeds();
    }

    /** The realisations that have members, in increasing order. */
    public List<Integer> realisations() {
        return members.stream().map(CurveMember::seed).distinct().sorted().toList();
    }

    /** Whether some member measured something (neither FAILED nor DIVERGED). */
    public boolean hasData() {
        return members.stream().anyMatch(m -> !m.excluded());
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

    /** Members whose training loss became non-finite (their error says where). */
    public List<CurveMember> divergences() {
        return members.stream().filter(CurveMember::diverged).toList();
    }

    /** "2 DIVERGED, 1 FAILED", or empty when every member measured something. */
    public String exclusionSummary() {
        List<String> parts = new java.util.ArrayList<>();
        if (!divergences().isEmpty()) parts.add(divergences().size() + " DIVERGED");
        if (!failures().isEmpty()) parts.add(failures().size() + " FAILED");
        return String.join(", ", parts);
    }

    /**
     * What a reader must know about the members, shown under the curve: "1 DIVERGED left out; 2 of 8 stopped at
     * the epoch cap", the parts that apply. A curve trained by SGD whose members all reached the loss threshold says
     * so ("all 8 trained to loss ≤ 0.001"): P* is read from trained networks, and the figure shows it.
     */
    public String note() {
        List<String> parts = new java.util.ArrayList<>();
        if (!exclusionSummary().isEmpty()) parts.add(exclusionSummary() + " left out");
        long capped = members.stream().filter(m -> m.status() == io.rhmlab.engine.train.Status.MAX_EPOCHS).count();
        long converged = members.stream().filter(m -> m.status() == io.rhmlab.engine.train.Status.CONVERGED).count();
        if (capped > 0) {
            parts.add(capped + " of " + members.size() + " stopped at the epoch cap");
        } else if (converged > 0 && spec.learner() == null) {
            String threshold = java.math.BigDecimal.valueOf(spec.training().lossThreshold()).stripTrailingZeros().toPlainString();
            parts.add((converged == members.size() ? "all " + converged : "the other " + converged)
                    + " trained to loss ≤ " + threshold);
        }
        return String.join("; ", parts);
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
            double[] e = members.stream().filter(m -> m.trainSize() == p && !m.excluded())
                    .mapToDouble(m -> metric.of(m.result())).filter(x -> !Double.isNaN(x)).sorted().toArray();
            out.put(p, Stats.median(e));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** P ↦ median final test error of the members that carry measurements, for the P where some do. */
    public SortedMap<Long, Double> medianTestErrorOfMeasured() {
        TreeMap<Long, List<Double>> errors = new TreeMap<>();
        for (CurveMember m : members) {
            if (!m.excluded() && !m.measurements().isEmpty()) errors.computeIfAbsent(m.trainSize(), p -> new java.util.ArrayList<>()).add(m.testError());
        }
        TreeMap<Long, Double> out = new TreeMap<>();
        errors.forEach((p, xs) -> out.put(p, Stats.median(xs)));
        return Collections.unmodifiableSortedMap(out);
    }

    /** P ↦ test error of realisation {@code seed} (failed and diverged runs left out). */
    public SortedMap<Long, Double> testError(int seed, ErrorMetric metric) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (CurveMember m : ofSeed(seed)) if (!m.excluded()) out.put(m.trainSize(), metric.of(m.result()));
        return Collections.unmodifiableSortedMap(out);
    }

    /** n_c·m^L, P_max and the Sparse-RHM scales of the task. */
    public Scales scales() {
        return Scales.of(spec.hierarchy());
    }

    /** P* read with this curve's {@link #criterion} (10 % final test error unless set): what every output reports. */
    public PStarReading sampleComplexity() {
        return sampleComplexity(criterion);
    }

    /** P* at {@code threshold} (this curve's metric). */
    public PStarReading sampleComplexity(double threshold) {
        return sampleComplexity(criterion.withThreshold(threshold));
    }

    public PStarReading sampleComplexity(double threshold, ErrorMetric metric) {
        return sampleComplexity(new PStarCriterion(threshold, metric));
    }

    /** P* under {@code c}: the median over realisations of each one's own crossing, with its interval ({@link PStarReading}). */
    public PStarReading sampleComplexity(PStarCriterion c) {
        SortedMap<Long, Double> median = new TreeMap<>(medianTestError(c.metric()));
        median.values().removeIf(x -> Double.isNaN(x));
        median.keySet().removeAll(incompleteSizes());   // a median over fewer realisations is another curve
        java.util.Map<Integer, SortedMap<Long, Double>> perSeed = new java.util.LinkedHashMap<>();
        for (int seed : realisations()) {
            SortedMap<Long, Double> e = new TreeMap<>(testError(seed, c.metric()));
            e.values().removeIf(x -> Double.isNaN(x));
            perSeed.put(seed, e);
        }
        return PStarReading.of(c, median, perSeed);
    }

    /** The same as {@link #sampleComplexity()} (the name the figures have used). */
    public PStarReading pStarReading() {
        return sampleComplexity();
    }

    public PStarReading pStarReading(double threshold, ErrorMetric metric) {
        return sampleComplexity(threshold, metric);
    }

    /**
     * The P where fewer realisations have data than the curve has at its most complete P (e.g. the pilot points of a
     * P* search): their median is over fewer realisations, and figures mark them so.
     */
    public java.util.Set<Long> incompleteSizes() {
        java.util.Map<Long, Long> count = new TreeMap<>();
        for (CurveMember m : members) if (!m.excluded()) count.merge(m.trainSize(), 1L, Long::sum);
        long most = count.values().stream().mapToLong(Long::longValue).max().orElse(0);
        java.util.Set<Long> out = new java.util.TreeSet<>();
        count.forEach((p, n) -> { if (n < most) out.add(p); });
        return out;
    }

    /** Default threshold of S_{2,1} for its P* (docs/science.md §3.E.5: 30%). */
    public static final double SYNONYM_THRESHOLD = 0.3;
    /** Default threshold of D_{2,1} for its P* (docs/science.md §3.E.5: 20% for CNNs). */
    public static final double DIFFEO_THRESHOLD = 0.2;

    /** The observables measured on at least one member. */
    public java.util.Set<Observable> measured() {
        java.util.Set<Observable> out = java.util.EnumSet.noneOf(Observable.class);
        for (CurveMember m : members) out.addAll(m.measurements().keySet());
        return out;
    }

    /** P ↦ the observable's value at representation {@code layer}, level {@code level} for realisation {@code seed}. */
    public SortedMap<Long, Double> observable(Observable name, int seed, int layer, int level) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (CurveMember m : ofSeed(seed)) {
            double x = m.excluded() ? Double.NaN : m.measurement(name, layer, level);
            if (!Double.isNaN(x)) out.put(m.trainSize(), x);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** P ↦ median over realisations of the observable at (layer, level); NaN where no member was measured. */
    public SortedMap<Long, Double> medianObservable(Observable name, int layer, int level) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (long p : sizes()) {
            double[] x = members.stream().filter(m -> m.trainSize() == p && !m.excluded())
                    .mapToDouble(m -> m.measurement(name, layer, level)).filter(v -> !Double.isNaN(v)).sorted().toArray();
            out.put(p, Stats.median(x));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * P ↦ the median (over realisations, entry by entry) table of the observable, [layer k − 1][level ℓ − 1],
     * for the P where some member was measured.
     */
    public SortedMap<Long, double[][]> medianTable(Observable name) {
        TreeMap<Long, double[][]> out = new TreeMap<>();
        int layers = 0, levels = 0;
        for (CurveMember m : members) {
            double[][] t = m.measurements().get(name);
            if (t != null && t.length > 0) {
                layers = Math.max(layers, t.length);
                levels = Math.max(levels, t[0].length);
            }
        }
        if (layers == 0) return Collections.unmodifiableSortedMap(out);
        for (long p : sizes()) {
            if (members.stream().noneMatch(m -> m.trainSize() == p && m.measurements().containsKey(name))) continue;
            double[][] t = new double[layers][levels];
            for (int k = 1; k <= layers; k++) {
                for (int l = 1; l <= levels; l++) {
                    final int kk = k, ll = l;
                    double[] x = members.stream().filter(m -> m.trainSize() == p && !m.excluded())
                            .mapToDouble(m -> m.measurement(name, kk, ll)).filter(v -> !Double.isNaN(v)).sorted().toArray();
                    t[k - 1][l - 1] = Stats.median(x);
                }
            }
            out.put(p, t);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** P ↦ median S_{2,1}: the headline synonymic sensitivity (NaN where not measured). */
    public SortedMap<Long, Double> synonymSensitivity() {
        return medianObservable(Observable.SYNONYMS, 2, 1);
    }

    /** P ↦ median D_{2,1} (Sparse RHM). */
    public SortedMap<Long, Double> diffeoSensitivity() {
        return medianObservable(Observable.DEFORMATIONS, 2, 1);
    }

    /** P ↦ median G_2, the Gaussian-noise sensitivity of the second hidden layer (NaN where not measured). */
    public SortedMap<Long, Double> noiseSensitivity() {
        return noiseSensitivity(2);
    }

    /** P ↦ median G_k of representation {@code layer} (depth + 1 = the output). */
    public SortedMap<Long, Double> noiseSensitivity(int layer) {
        return medianObservable(Observable.NOISE, layer, 1);
    }

    /** The member of realisation {@code seed} trained on P = {@code trainSize}. */
    public java.util.Optional<CurveMember> member(int seed, long trainSize) {
        return members.stream().filter(m -> m.seed() == seed && m.trainSize() == trainSize).findFirst();
    }

    /**
     * Epoch ↦ the observable at (layer, level) measured during training of the run (seed, P)
     * ({@link Measures#everyEpochs()}); empty when it was not measured during training.
     */
    public SortedMap<Integer, Double> observableByEpoch(Observable name, int seed, long trainSize, int layer, int level) {
        return member(seed, trainSize).map(m -> m.duringTraining(name, layer, level))
                .orElse(Collections.emptySortedMap());
    }

    /** Epoch ↦ S_{2,1} of the run (seed, P) during training. */
    public SortedMap<Integer, Double> synonymSensitivityByEpoch(int seed, long trainSize) {
        return observableByEpoch(Observable.SYNONYMS, seed, trainSize, 2, 1);
    }

    /** Epoch ↦ D_{2,1} of the run (seed, P) during training. */
    public SortedMap<Integer, Double> diffeoSensitivityByEpoch(int seed, long trainSize) {
        return observableByEpoch(Observable.DEFORMATIONS, seed, trainSize, 2, 1);
    }

    /** Epoch ↦ G_2 of the run (seed, P) during training. */
    public SortedMap<Integer, Double> noiseSensitivityByEpoch(int seed, long trainSize) {
        return observableByEpoch(Observable.NOISE, seed, trainSize, 2, 1);
    }

    /** Where S_{2,1} falls to 0.3. */
    public ObservableComplexity synonymComplexity() {
        return observableComplexity(Observable.SYNONYMS, 2, 1, SYNONYM_THRESHOLD);
    }

    /** Where D_{2,1} falls to 0.2. */
    public ObservableComplexity diffeoComplexity() {
        return observableComplexity(Observable.DEFORMATIONS, 2, 1, DIFFEO_THRESHOLD);
    }

    /** Where the observable at (layer, level) first falls to {@code threshold}, per seed and aggregated. */
    public ObservableComplexity observableComplexity(Observable name, int layer, int level, double threshold) {
        TreeMap<Integer, PStar> perSeed = new TreeMap<>();
        for (int seed : realisations()) perSeed.put(seed, SampleComplexity.crossing(observable(name, seed, layer, level), threshold));
        List<PStar> values = List.copyOf(perSeed.values());
        TreeMap<Long, Double> medianCurve = new TreeMap<>(medianObservable(name, layer, level));
        medianCurve.values().removeIf(x -> Double.isNaN(x));
        return new ObservableComplexity(name, layer, level, threshold, Collections.unmodifiableSortedMap(perSeed),
                SampleComplexity.median(values), SampleComplexity.interval(values, 0.95),
                SampleComplexity.crossing(medianCurve, threshold));
    }

    /** A plain-text table: one line per P with the median and per-seed errors, then P*. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.hierarchy().summary()).append(" · ").append(spec.architecture().label())
                .append(" · ").append(seeds()).append(" seeds · ").append(trained()).append(" trained, ")
                .append(reused()).append(" reused").append(exclusionSummary().isEmpty() ? "" : ", " + exclusionSummary() + " (left out)")
                .append('\n').append(String.format("%10s %10s  %s%n", "P", "median ε", "ε per seed"));
        SortedMap<Long, Double> med = medianTestError();
        for (long p : sizes()) {
            sb.append(String.format("%10d %10.4f ", p, med.get(p)));
            for (CurveMember m : members) {
                if (m.trainSize() == p) sb.append(m.excluded() ? String.format(" %8s", m.status()) : String.format(" %7.4f", m.testError()));
            }
            sb.append('\n');
        }
        sb.append(sampleComplexity());
        java.util.Set<Observable> measured = measured();
        if (measured.contains(Observable.SYNONYMS)) sb.append('\n').append("S_{2,1} by P: ").append(synonymSensitivity()).append('\n').append(synonymComplexity());
        if (measured.contains(Observable.DEFORMATIONS)) sb.append('\n').append("D_{2,1} by P: ").append(diffeoSensitivity()).append('\n').append(diffeoComplexity());
        if (measured.contains(Observable.NOISE)) sb.append('\n').append("G_2 by P: ").append(noiseSensitivity());
        return sb.toString();
    }
}

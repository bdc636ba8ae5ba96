package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.LearningCurveSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.SortedMap;
import java.util.function.BiFunction;

/**
 * The loop of the P* search: ask the {@link SearchPlanner} where to look, evaluate those P as one learning curve
 * (store first: stored runs are served, the rest trained as shared ensembles), repeat until it stops. The
 * evaluation is a function so that the loop runs on the {@link LearningCurve} machinery unchanged.
 *
 * <p>Pilot seeds: a P tried while the crossing is not bracketed yet (the first round, and every step up or down)
 * is trained with {@link SampleComplexitySearch#pilotSeeds} seeds only; it decides where to look, not where P*
 * is. Points inside a bracket are trained with every seed. When the planner stops, an end of its bracket that
 * only pilot seeds have is completed (its other seeds trained, the pilot's run served from the store) and the
 * planner asked again, so the final bracket and P* always come from the median over every seed. Last, a seed whose
 * own crossing lies beyond the points it has is trained at the nearest pilot point on that side, so that P* per
 * seed (and its interval) is read as on a grid.
 */
final class SampleComplexitySearcher {

    private SampleComplexitySearcher() {
    }

    /**
     * @param evaluate   (P list, seeds n) ↦ the learning curve at those P for seeds 1..n
     * @param stored     P whose runs are all in the store already: read first, for free
     * @param template   the curve spec (any sizes) whose sizes are replaced by the searched ones in the result
     */
    static SampleComplexitySearchResult run(SampleComplexitySearch search, SearchPlanner planner, long scale,
                                            long minSize, long maxSize, BiFunction<List<Long>, Integer, LearningCurveResult> evaluate,
                                            List<Long> stored, LearningCurveSpec template) {
        long t0 = System.nanoTime();
        Points points = new Points(template, search, evaluate);
        List<Long> usable = stored.stream().filter(p -> p >= minSize && p <= maxSize).sorted().toList();
        if (!usable.isEmpty()) points.evaluate(0, usable, template.seeds());
        int all = template.seeds();
        int pilot = search.pilotSeeds(all);
        int round = 0;
        SearchPlanner.Step step;
        while (true) {
            step = planner.next(points.median(), points.tried);
            List<Long> sizes;
            int seeds;
            if (!step.stops()) {
                sizes = step.sizes();
                seeds = step.lower() > 0 && step.upper() > 0 ? all : pilot;
            } else {
                sizes = points.incomplete(List.of(step.lower(), step.upper()));
                if (sizes.isEmpty() && step.stop() == SampleComplexitySearchResult.Outcome.RESOLVED) sizes = points.forSeedReadings();
                seeds = all;
                if (sizes.isEmpty()) break;
            }
            if (round == search.maxRounds()) {
                step = new SearchPlanner.Step(List.of(), SampleComplexitySearchResult.Outcome.UNRESOLVED, step.lower(), step.upper());
                break;
            }
            points.evaluate(++round, sizes, seeds);
        }
        LearningCurveResult curve = points.curve();
        SampleComplexityEstimate estimate = curve.sampleComplexity(search.threshold(), search.metric());
        PStar pStar = estimate.ofMedianCurve();
        return new SampleComplexitySearchResult(search, step.stop(), step.lower(), step.upper(), pStar, estimate, curve,
                points.rounds, scale, minSize, maxSize, (System.nanoTime() - t0) / 1e9);
    }

    /** Every (P, seed) evaluated so far, the P tried and the rounds. */
    private static final class Points {
        private final LearningCurveSpec template;
        private final SampleComplexitySearch search;
        private final BiFunction<List<Long>, Integer, LearningCurveResult> evaluate;
        private final TreeMap<Long, TreeMap<Integer, CurveMember>> bySize = new TreeMap<>();
        final Set<Long> tried = new HashSet<>();
        final List<SampleComplexitySearchResult.Round> rounds = new ArrayList<>();

        Points(LearningCurveSpec template, SampleComplexitySearch search, BiFunction<List<Long>, Integer, LearningCurveResult> evaluate) {
            this.template = template;
            this.search = search;
            this.evaluate = evaluate;
        }

        void evaluate(int index, List<Long> sizes, int seeds) {
            long t = System.nanoTime();
            LearningCurveResult r = evaluate.apply(sizes, seeds);
            double wall = (System.nanoTime() - t) / 1e9;
            tried.addAll(sizes);
            long trained = 0, reused = 0, epochs = 0, sampleEpochs = 0;
            for (CurveMember m : r.members()) {
                TreeMap<Integer, CurveMember> atSize = bySize.computeIfAbsent(m.trainSize(), p -> new TreeMap<>());
                if (m.reused()) {
                    // a pilot's run served again when its point is completed is this search's, not the store's
                    if (atSize.putIfAbsent(m.seed(), m) == null) reused++;
                    continue;
                }
                atSize.put(m.seed(), m);
                trained++;
                epochs += m.epochs();
                sampleEpochs += m.epochs() * m.trainSize();
            }
            rounds.add(new SampleComplexitySearchResult.Round(index, sizes, seeds, trained, reused, epochs, sampleEpochs, wall));
        }

        LearningCurveResult curve() {
            List<CurveMember> members = new ArrayList<>();
            bySize.values().forEach(m -> members.addAll(m.values()));
            members.sort(Comparator.comparingInt(CurveMember::seed).thenComparingLong(CurveMember::trainSize));
            return new LearningCurveResult(sized(template, List.copyOf(bySize.keySet())), members);
        }

        /** P ↦ median error over the seeds evaluated there. */
        SortedMap<Long, Double> median() {
            return bySize.isEmpty() ? new TreeMap<>() : curve().medianTestError(search.metric());
        }

        /** Those of {@code sizes} (0 = none) where some seed is missing. */
        List<Long> incomplete(List<Long> sizes) {
            return sizes.stream().filter(p -> p > 0 && bySize.containsKey(p) && bySize.get(p).size() < template.seeds())
                    .distinct().sorted().toList();
        }

        /**
         * For every seed whose error stays on one side of the threshold over the points it has, the nearest point
         * beyond them (on the side where its crossing must be) that it lacks.
         */
        List<Long> forSeedReadings() {
            LearningCurveResult curve = curve();
            java.util.TreeSet<Long> out = new java.util.TreeSet<>();
            for (int seed = 1; seed <= template.seeds(); seed++) {
                SortedMap<Long, Double> own = curve.testError(seed, search.metric());
                if (own.isEmpty()) continue;
                boolean above = own.values().stream().allMatch(e -> e > search.threshold());
                boolean below = own.values().stream().allMatch(e -> e <= search.threshold());
                final int s = seed;
                if (above) {
                    bySize.tailMap(own.lastKey(), false).entrySet().stream().filter(e -> !e.getValue().containsKey(s))
                            .findFirst().ifPresent(e -> out.add(e.getKey()));
                } else if (below) {
                    bySize.headMap(own.firstKey(), false).descendingMap().entrySet().stream()
                            .filter(e -> !e.getValue().containsKey(s)).findFirst().ifPresent(e -> out.add(e.getKey()));
                }
            }
            return List.copyOf(out);
        }
    }

    private static LearningCurveSpec sized(LearningCurveSpec t, List<Long> sizes) {
        return new LearningCurveSpec(t.hierarchy(), t.architecture(), t.training(), sizes, t.seeds(), t.testSize(),
                t.seedPolicy(), t.learner(), t.measures());
    }
}

package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.LearningCurveSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The loop of the P* search: ask the {@link SearchPlanner} where to look, evaluate those P as one learning curve
 * (store first: stored runs are served, the rest trained as shared ensembles), repeat until it stops. The
 * evaluation is a function so that the loop runs on the {@link LearningCurve} machinery unchanged.
 */
final class SampleComplexitySearcher {

    private SampleComplexitySearcher() {
    }

    /**
     * @param evaluate   P list ↦ the learning curve at those P (all seeds)
     * @param stored     P whose runs are all in the store already: read first, for free
     * @param template   the curve spec (any sizes) whose sizes are replaced by the searched ones in the result
     */
    static SampleComplexitySearchResult run(SampleComplexitySearch search, SearchPlanner planner, long scale,
                                            long minSize, long maxSize, Function<List<Long>, LearningCurveResult> evaluate,
                                            List<Long> stored, LearningCurveSpec template) {
        long t0 = System.nanoTime();
        List<CurveMember> members = new ArrayList<>();
        TreeMap<Long, Double> median = new TreeMap<>();
        Set<Long> tried = new HashSet<>();
        List<SampleComplexitySearchResult.Round> rounds = new ArrayList<>();
        List<Long> usable = stored.stream().filter(p -> p >= minSize && p <= maxSize).sorted().toList();
        if (!usable.isEmpty()) evaluate(0, usable, evaluate, search, members, median, tried, rounds);
        SearchPlanner.Step step = planner.next(median, tried);
        int round = 0;
        while (!step.stops()) {
            if (round == search.maxRounds()) {
                step = new SearchPlanner.Step(List.of(), SampleComplexitySearchResult.Outcome.UNRESOLVED, step.lower(), step.upper());
                break;
            }
            evaluate(++round, step.sizes(), evaluate, search, members, median, tried, rounds);
            step = planner.next(median, tried);
        }
        members.sort(Comparator.comparingInt(CurveMember::seed).thenComparingLong(CurveMember::trainSize));
        List<Long> sizes = members.stream().map(CurveMember::trainSize).distinct().sorted().toList();
        LearningCurveResult curve = new LearningCurveResult(sized(template, sizes), members);
        SampleComplexityEstimate estimate = curve.sampleComplexity(search.threshold(), search.metric());
        PStar pStar = estimate.ofMedianCurve();
        return new SampleComplexitySearchResult(search, step.stop(), step.lower(), step.upper(), pStar, estimate, curve,
                rounds, scale, minSize, maxSize, (System.nanoTime() - t0) / 1e9);
    }

    private static void evaluate(int index, List<Long> sizes, Function<List<Long>, LearningCurveResult> evaluate,
                                 SampleComplexitySearch search, List<CurveMember> members, TreeMap<Long, Double> median,
                                 Set<Long> tried, List<SampleComplexitySearchResult.Round> rounds) {
        long t = System.nanoTime();
        LearningCurveResult r = evaluate.apply(sizes);
        double wall = (System.nanoTime() - t) / 1e9;
        tried.addAll(sizes);
        members.addAll(r.members());
        median.putAll(r.medianTestError(search.metric()));
        long epochs = 0, sampleEpochs = 0;
        for (CurveMember m : r.members()) {
            if (m.reused()) continue;
            epochs += m.epochs();
            sampleEpochs += m.epochs() * m.trainSize();
        }
        rounds.add(new SampleComplexitySearchResult.Round(index, sizes, r.trained(), r.reused(), epochs, sampleEpochs, wall));
    }

    private static LearningCurveSpec sized(LearningCurveSpec t, List<Long> sizes) {
        return new LearningCurveSpec(t.hierarchy(), t.architecture(), t.training(), sizes, t.seeds(), t.testSize(),
                t.seedPolicy(), t.learner(), t.measures());
    }
}

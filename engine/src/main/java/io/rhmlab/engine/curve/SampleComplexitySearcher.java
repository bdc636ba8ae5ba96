package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.LearningCurveSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The loop of the P* search: ask the {@link SearchPlanner} where to look, evaluate those P as one learning curve
 * (store first: stored runs are served, the rest trained as shared ensembles), repeat until it stops. The
 * evaluation is a function so that the loop runs on the {@link LearningCurve} machinery unchanged.
 *
 * <p>Two phases. <b>Median:</b> the planner brackets the crossing of the median error over the seeds, which says where
 * P* is. A P tried while the crossing is not bracketed yet is trained with {@link SampleComplexitySearch#pilotSeeds}
 * seeds only (it decides where to look, not where P* is); points inside a bracket, and both ends of the final one, with
 * every seed. <b>Seeds:</b> P* is the median of every seed's own crossing ({@link PStarReading}), read on the seed's own
 * points exactly as on a grid, so each seed's crossing is then bracketed to the same tolerance: a seed whose bracket is
 * wider gets the points of the others inside it (or, if none, the planner's refinement of its own bracket), a seed that
 * stays above the threshold over its points gets the next larger P (the others', or twice its largest), one that is
 * already below it the next smaller. A seed is settled when its bracket is within the tolerance or it is above the
 * threshold at the largest allowed P (beyond the range) or below it at the smallest. The search is RESOLVED only when
 * the median bracket and every seed are; running out of rounds is UNRESOLVED, with the bracket it had.
 */
final class SampleComplexitySearcher {

    private SampleComplexitySearcher() {
    }

    /**
     * @param evaluate   (P ↦ the seeds to have there) ↦ the learning curve of those members
     * @param stored     P ↦ the seeds of this curve stored there: where every seed is, read first for free (a stored
     *                   grid); the rest is read when the seeds' phase starts, so that a second search over the same
     *                   store retraces the first and trains nothing
     * @param template   the curve spec (any sizes) whose sizes are replaced by the searched ones in the result
     */
    static SampleComplexitySearchResult run(SampleComplexitySearch search, SearchPlanner planner, long scale,
                                            long minSize, long maxSize,
                                            Function<SortedMap<Long, SortedSet<Integer>>, LearningCurveResult> evaluate,
                                            Supplier<SortedMap<Long, SortedSet<Integer>>> stored, LearningCurveSpec template) {
        long t0 = System.nanoTime();
        Points points = new Points(template, search, evaluate);
        int all = template.seeds();
        SortedMap<Long, SortedSet<Integer>> complete = new TreeMap<>();
        stored.get().forEach((p, seeds) -> { if (p >= minSize && p <= maxSize && seeds.size() == all) complete.put(p, seeds); });
        if (!complete.isEmpty()) points.evaluate(0, complete);
        int pilot = search.pilotSeeds(all);
        int round = 0;
        SearchPlanner.Step step;
        SampleComplexitySearchResult.Outcome outcome = null;
        // the median's bracket: the planner's steps, then both ends of its final bracket completed with every seed
        while (true) {
            step = planner.next(points.median(), points.tried);
            SortedMap<Long, SortedSet<Integer>> todo = step.stops()
                    ? everySeed(points.incomplete(List.of(step.lower(), step.upper())), all)
                    : everySeed(step.sizes(), step.lower() > 0 && step.upper() > 0 ? all : pilot);
            if (todo.isEmpty()) break;
            if (round == search.maxRounds()) {
                outcome = SampleComplexitySearchResult.Outcome.UNRESOLVED;
                break;
            }
            points.evaluate(++round, todo);
        }
        // every seed's own bracket, starting from every stored member of this curve (an earlier search's included)
        if (outcome == null && step.stop() == SampleComplexitySearchResult.Outcome.RESOLVED) {
            SortedMap<Long, SortedSet<Integer>> more = points.missing(stored.get(), minSize, maxSize);
            if (!more.isEmpty()) points.evaluate(0, more);
            while (true) {
                Needs needs = points.forSeeds(planner, minSize, maxSize);
                if (needs.todo().isEmpty()) {
                    // a seed that is not settled and cannot be helped (e.g. its runs inside its bracket failed)
                    outcome = needs.unsettled() == 0 ? SampleComplexitySearchResult.Outcome.RESOLVED
                            : SampleComplexitySearchResult.Outcome.UNRESOLVED;
                    break;
                }
                if (round == search.maxRounds()) {
                    outcome = SampleComplexitySearchResult.Outcome.UNRESOLVED;
                    break;
                }
                points.evaluate(++round, needs.todo());
            }
        }
        if (outcome == null) outcome = step.stop();
        LearningCurveResult curve = points.curve().withCriterion(search.criterion());
        return new SampleComplexitySearchResult(search, outcome, step.lower(), step.upper(), curve.sampleComplexity(), curve,
                points.rounds, scale, minSize, maxSize, (System.nanoTime() - t0) / 1e9);
    }

    /** What the seeds still need: P ↦ seeds to train there, and how many seeds are not settled yet. */
    private record Needs(SortedMap<Long, SortedSet<Integer>> todo, int unsettled) {
    }

    /** Seeds 1..n at each of {@code sizes}. */
    private static SortedMap<Long, SortedSet<Integer>> everySeed(List<Long> sizes, int n) {
        SortedMap<Long, SortedSet<Integer>> out = new TreeMap<>();
        for (long p : sizes) {
            SortedSet<Integer> seeds = new TreeSet<>();
            for (int s = 1; s <= n; s++) seeds.add(s);
            out.put(p, seeds);
        }
        return out;
    }

    /** Every (P, seed) evaluated so far, the P tried and the rounds. */
    private static final class Points {
        private final LearningCurveSpec template;
        private final SampleComplexitySearch search;
        private final Function<SortedMap<Long, SortedSet<Integer>>, LearningCurveResult> evaluate;
        private final TreeMap<Long, TreeMap<Integer, CurveMember>> bySize = new TreeMap<>();
        final Set<Long> tried = new HashSet<>();
        final List<SampleComplexitySearchResult.Round> rounds = new ArrayList<>();

        Points(LearningCurveSpec template, SampleComplexitySearch search,
               Function<SortedMap<Long, SortedSet<Integer>>, LearningCurveResult> evaluate) {
            this.template = template;
            this.search = search;
            this.evaluate = evaluate;
        }

        void evaluate(int index, SortedMap<Long, SortedSet<Integer>> todo) {
            long t = System.nanoTime();
            LearningCurveResult r = evaluate.apply(todo);
            double wall = (System.nanoTime() - t) / 1e9;
            tried.addAll(todo.keySet());
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
            SortedSet<Integer> seeds = new TreeSet<>();
            todo.values().forEach(seeds::addAll);
            rounds.add(new SampleComplexitySearchResult.Round(index, List.copyOf(todo.keySet()), List.copyOf(seeds), trained,
                    reused, epochs, sampleEpochs, wall));
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

        /** Those of {@code members} (P ↦ seeds) within [minSize, maxSize] not evaluated yet. */
        SortedMap<Long, SortedSet<Integer>> missing(SortedMap<Long, SortedSet<Integer>> members, long minSize, long maxSize) {
            SortedMap<Long, SortedSet<Integer>> out = new TreeMap<>();
            members.forEach((p, seeds) -> {
                if (p < minSize || p > maxSize) return;
                for (int s : seeds) {
                    if (!bySize.containsKey(p) || !bySize.get(p).containsKey(s)) out.computeIfAbsent(p, k -> new TreeSet<>()).add(s);
                }
            });
            return out;
        }

        /** Those of {@code sizes} (0 = none) where some seed is missing. */
        List<Long> incomplete(List<Long> sizes) {
            return sizes.stream().filter(p -> p > 0 && bySize.containsKey(p) && bySize.get(p).size() < template.seeds())
                    .distinct().sorted().toList();
        }

        /**
         * What each seed still needs for its own crossing to be bracketed within the tolerance (class comment); empty
         * when every seed is settled.
         */
        Needs forSeeds(SearchPlanner planner, long minSize, long maxSize) {
            LearningCurveResult curve = curve();
            double threshold = search.threshold();
            SortedMap<Long, SortedSet<Integer>> out = new TreeMap<>();
            int unsettled = 0;
            for (int seed = 1; seed <= template.seeds(); seed++) {
                TreeMap<Long, Double> own = new TreeMap<>(curve.testError(seed, search.metric()));
                own.values().removeIf(x -> Double.isNaN(x));
                if (own.isEmpty()) continue;   // every run of this seed failed: nothing to bracket
                final int s = seed;
                Long hi = own.entrySet().stream().filter(e -> e.getValue() <= threshold).map(Map.Entry::getKey).findFirst().orElse(null);
                List<Long> want = new ArrayList<>();
                if (hi == null) {
                    long top = own.lastKey();
                    if (top >= maxSize) continue;   // above the threshold up to the cap: P* beyond the range
                    Long next = bySize.tailMap(top, false).entrySet().stream().filter(e -> !e.getValue().containsKey(s))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    want.add(next != null ? next : Math.min(maxSize, 2 * top));
                } else if (own.lowerKey(hi) == null) {
                    if (hi <= minSize) continue;    // below the threshold already at the smallest P: below the range
                    Long next = bySize.headMap(hi, false).descendingMap().entrySet().stream().filter(e -> !e.getValue().containsKey(s))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    want.add(next != null ? next : Math.max(minSize, hi / 2));
                } else {
                    long lo = own.lowerKey(hi);
                    if (hi <= lo * (1 + search.tolerance()) || hi - lo <= 1) continue;   // settled
                    // the points the other seeds have inside this seed's bracket, else a refinement of its own bracket
                    bySize.subMap(lo, false, hi, false).forEach((p, m) -> { if (!m.containsKey(s)) want.add(p); });
                    if (want.isEmpty()) want.addAll(planner.refine(lo, own.get(lo), hi, own.get(hi)));
                }
                unsettled++;
                for (long p : want) {
                    if (bySize.containsKey(p) && bySize.get(p).containsKey(s)) continue;   // never the same member twice
                    out.computeIfAbsent(p, k -> new TreeSet<>()).add(s);
                }
            }
            return new Needs(out, unsettled);
        }
    }

    private static LearningCurveSpec sized(LearningCurveSpec t, List<Long> sizes) {
        return new LearningCurveSpec(t.hierarchy(), t.architecture(), t.training(), sizes, t.seeds(), t.testSize(),
                t.seedPolicy(), t.learner(), t.measures());
    }
}

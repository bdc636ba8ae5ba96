package io.rhmlab.engine.curve;

import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.MeasurementSink;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainingListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The P* search on fake training (the logic, not the trainer): bracketing, tolerance, reuse, edge cases. */
@Tag("slow")
class SampleComplexitySearchTest {

    @TempDir
    Path dir;

    /** v = n_c = m = 8, L = 3: n_c·m^L = 4096, P_max = 8^8, so the range is [64, 262 144] with 20 000 test points. */
    static final Hierarchy TASK = LearningCurveTest.TASK;

    /** Test error a function of the run; every member reports {@code epochs} epochs. */
    static final class Runner implements EnsembleRunner {
        final ToDoubleFunction<RunSpec> error;
        final List<RunSpec> trained = new ArrayList<>();
        final List<List<RunSpec>> calls = new ArrayList<>();

        Runner(ToDoubleFunction<RunSpec> error) {
            this.error = error;
        }

        @Override
        public List<MemberResult> run(List<RunSpec> members, TrainingListener listener, MeasurementSink measurements) {
            calls.add(members);
            List<MemberResult> out = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                RunSpec r = members.get(i);
                double e = error.applyAsDouble(r);
                MemberResult res = new MemberResult(r, Status.CONVERGED, e, e, 1e-3, 0, 10, 10, 0.01, "fake",
                        List.of(new Checkpoint(10, 10, 1e-3, 0, e)), null);
                trained.add(r);
                listener.onMemberDone(i, res);
                out.add(res);
            }
            return out;
        }
    }

    private LearningCurve curve(EnsembleRunner runner, String store) {
        return LearningCurve.of(TASK).model(Architecture.cnn().width(32))
                .training(Training.sgd(0.1).momentum(0.9).batch(128).maxEpochs(20))
                .seeds(3).store(dir.resolve(store)).progress(false).runner(runner);
    }

    /** ε linear in ln P per seed (FakeRunner's law): the median is seed 2's curve, P* = 320·e^4 ≈ 17 471. */
    static final double MEDIAN_PSTAR = 256 * 1.25 * Math.exp(4);

    @Test
    void expandsUpwardThenNarrowsTheBracketToTheTolerance() {
        Runner runner = new Runner(FakeRunner::error);
        SampleComplexitySearchResult r = curve(runner, "a.sqlite").findSampleComplexity(ALL_SEEDS);

        assertThat(r.outcome()).isEqualTo(SampleComplexitySearchResult.Outcome.RESOLVED);
        assertThat(r.theoryScale()).isEqualTo(4096);
        assertThat(r.rounds().get(0).sizes()).containsExactly(8192L, 16384L);   // 2 and 4 theory units
        assertThat(r.rounds().get(1).sizes()).containsExactly(32768L, 65536L);  // not bracketed: went up
        assertThat((double) r.upper() / r.lower() - 1).isLessThanOrEqualTo(0.15);
        assertThat(r.lower()).isLessThan((long) MEDIAN_PSTAR);
        assertThat(r.upper()).isGreaterThan((long) MEDIAN_PSTAR);
        // ε is linear in ln P, so every seed's interpolated crossing is exact, and so is their median (seed 2's)
        assertThat(r.pStar().value()).isCloseTo(MEDIAN_PSTAR, within(1e-6 * MEDIAN_PSTAR));
        assertThat(r.pStar().ofMedianCurve().samples()).isCloseTo(MEDIAN_PSTAR, within(1e-6 * MEDIAN_PSTAR));
        for (int seed = 1; seed <= 3; seed++) {
            assertThat(r.pStar().ofSeed(seed).samples()).isCloseTo(FakeRunner.pStar(seed), within(1e-6 * FakeRunner.pStar(seed)));
            assertThat(ownBracketWidth(r.curve(), seed)).isLessThanOrEqualTo(0.15);
        }
        // every seed at every P of the median's phase, one call (ensemble) per round, the cost counted
        int points = r.curve().sizes().size();
        assertThat(r.trained()).isEqualTo(runner.trained.size()).isEqualTo(r.curve().members().size());
        assertThat(runner.trained).doesNotHaveDuplicates();
        assertThat(r.memberEpochs()).isEqualTo(10 * r.trained());
        assertThat(runner.calls).hasSize(r.rounds().size());
        assertThat(r.reused()).isZero();
        assertThat(points).isLessThan(14);
        assertThat(r.toString()).contains("P* = ").contains("member-epochs");
    }

    /** Every seed at every P tried (no pilot). */
    static final SampleComplexitySearch ALL_SEEDS = SampleComplexitySearch.defaults().withPilotSeeds(0);

    @Test
    void aPilotSeedBracketsAndEverySeedDecidesTheFinalBracket() {
        Runner runner = new Runner(FakeRunner::error);
        SampleComplexitySearchResult r = curve(runner, "pilot.sqlite").findSampleComplexity();
        Runner full = new Runner(FakeRunner::error);
        SampleComplexitySearchResult all = curve(full, "all.sqlite").findSampleComplexity(ALL_SEEDS);

        // the first round is the pilot's alone: seed 1 crosses at 256·e^4 ≈ 13 977, inside [8192, 16384]
        assertThat(r.rounds().get(0).sizes()).containsExactly(8192L, 16384L);
        assertThat(r.rounds().get(0).seeds()).containsExactly(1);
        assertThat(runner.calls.get(0)).allSatisfy(run -> assertThat(run.modelSeed()).isEqualTo(1));
        // the bracket and P* are those of the median over every seed (seed 2's curve), exactly as without a pilot
        assertThat(r.resolved()).isTrue();
        assertThat((double) r.upper() / r.lower() - 1).isLessThanOrEqualTo(0.15);
        assertThat(r.lower()).isLessThan((long) MEDIAN_PSTAR);
        assertThat(r.upper()).isGreaterThan((long) MEDIAN_PSTAR);
        assertThat(r.pStar().value()).isCloseTo(MEDIAN_PSTAR, within(1e-6 * MEDIAN_PSTAR));
        // the points trained by the pilot (or for one seed) alone are the curve's incomplete sizes
        assertThat(r.curve().incompleteSizes()).isNotEmpty().doesNotContain(r.lower(), r.upper());
        for (long end : List.of(r.lower(), r.upper())) {
            assertThat(r.curve().members().stream().filter(m -> m.trainSize() == end)).hasSize(3);
        }
        // every seed's own P* is read, bracketed by its own points
        for (int seed = 1; seed <= 3; seed++) {
            assertThat(r.pStar().ofSeed(seed).samples()).isCloseTo(FakeRunner.pStar(seed), within(1e-6 * FakeRunner.pStar(seed)));
        }
        // and it trained fewer members than the search that trains every seed everywhere
        // seeds 1 and 3 cross 25 % below and above the median, far beyond the tolerance: the pilot's bracket
        // misleads, and the search pays for it (more members than without a pilot), but not in its answer
        assertThat(r.trained()).isEqualTo(runner.trained.size());
        assertThat(r.memberEpochs()).isEqualTo(10 * r.trained());
        assertThat(r.reused()).isZero();
        assertThat(runner.trained).doesNotHaveDuplicates();
    }

    @Test
    void aPilotSeedSavesMembersWhenSeedsCrossCloserThanTheTolerance() {
        // seed i crosses at 3000·(1 + (i − 2)/25) (±4 %), as the seeds of bench pstar's curves do (1–16 % apart)
        ToDoubleFunction<RunSpec> law = run -> Math.max(0, Math.min(1,
                0.1 - 0.1 * Math.log(run.trainSize() / (3000 * (1 + (run.modelSeed() - 2) / 25.0)))));
        Runner pilot = new Runner(law);
        SampleComplexitySearchResult r = curve(pilot, "near-pilot.sqlite").findSampleComplexity();
        Runner full = new Runner(law);
        SampleComplexitySearchResult all = curve(full, "near-all.sqlite").findSampleComplexity(ALL_SEEDS);
        assertThat(r.resolved()).isTrue();
        assertThat(r.pStar().value()).isCloseTo(3000, within(1e-6 * 3000));
        assertThat(r.pStar().value()).isCloseTo(all.pStar().value(), within(1e-6 * 3000));
        assertThat(r.trained()).isLessThan(all.trained());
        for (int seed = 1; seed <= 3; seed++) assertThat(r.pStar().ofSeed(seed).value()).isPresent();
    }

    @Test
    void aSecondSearchTrainsNothingAndAStoredGridIsReused() {
        Runner first = new Runner(FakeRunner::error);
        SampleComplexitySearchResult a = curve(first, "b.sqlite").findSampleComplexity();
        Runner second = new Runner(FakeRunner::error);
        SampleComplexitySearchResult b = curve(second, "b.sqlite").findSampleComplexity();
        assertThat(second.trained).isEmpty();
        assertThat(b.trained()).isZero();
        // it reads what it needs: every member of its curve comes from the store, at most all that a trained
        assertThat(b.reused()).isEqualTo(b.curve().members().size()).isLessThanOrEqualTo(a.trained());
        assertThat(b.rounds()).isNotEmpty().allSatisfy(round -> {
            assertThat(round.index()).isZero();   // read from the store, never trained
            assertThat(round.trained()).isZero();
        });
        assertThat(b.pStar().value()).isEqualTo(a.pStar().value());
        assertThat(b.lower()).isEqualTo(a.lower());
        assertThat(b.upper()).isEqualTo(a.upper());

        // a grid stored earlier: its points are read first and only the refinement is trained
        Runner grid = new Runner(FakeRunner::error);
        curve(grid, "c.sqlite").sizes(TASK.sizesAround(0.25, 16, 9)).testSize(20_000).run();
        Runner after = new Runner(FakeRunner::error);
        SampleComplexitySearchResult c = curve(after, "c.sqlite").findSampleComplexity();
        assertThat(c.rounds().get(0).reused()).isEqualTo(27);
        assertThat(c.resolved()).isTrue();
        assertThat(c.trained()).isPositive().isLessThan(a.trained());
        assertThat(c.pStar().value()).isCloseTo(MEDIAN_PSTAR, within(1e-6 * MEDIAN_PSTAR));
    }

    @Test
    void expandsDownwardWhenTheFirstPointsAreAlreadyBelowTheThreshold() {
        // P* = 700 for every seed, far below the first round (8192, 16384)
        Runner runner = new Runner(r -> Math.max(0, 0.1 - 0.1 * Math.log(r.trainSize() / 700.0)));
        SampleComplexitySearchResult r = curve(runner, "d.sqlite").findSampleComplexity();
        assertThat(r.resolved()).isTrue();
        assertThat(r.rounds().get(1).sizes()).containsExactly(4096L);
        assertThat(r.rounds().get(2).sizes()).containsExactly(2048L);
        assertThat(r.lower()).isLessThanOrEqualTo(700);
        assertThat(r.upper()).isGreaterThanOrEqualTo(700);
        assertThat((double) r.upper() / r.lower() - 1).isLessThanOrEqualTo(0.15);
        assertThat(r.pStar().value()).isCloseTo(700, within(1e-6 * 700));
    }

    @Test
    void reportsNotReachedWhenTheErrorNeverFallsBelowTheThresholdUpToTheCap() {
        Runner runner = new Runner(r -> 0.5);
        SampleComplexitySearchResult r = curve(runner, "e.sqlite")
                .findSampleComplexity(SampleComplexitySearch.defaults().withMaxMultiple(16));
        assertThat(r.outcome()).isEqualTo(SampleComplexitySearchResult.Outcome.NOT_REACHED);
        assertThat(r.maxSize()).isEqualTo(16 * 4096);
        assertThat(r.lower()).isEqualTo(16 * 4096);
        assertThat(r.curve().sizes()).containsExactly(8192L, 16384L, 32768L, 65536L);
        assertThat(r.pStar().median().outcome()).isEqualTo(PStar.Outcome.NOT_REACHED);
        assertThat(r.toString()).contains("not reached");

        Runner easy = new Runner(x -> 0.0);
        SampleComplexitySearchResult below = curve(easy, "f.sqlite")
                .findSampleComplexity(SampleComplexitySearch.defaults().withMaxMultiple(4));
        assertThat(below.outcome()).isEqualTo(SampleComplexitySearchResult.Outcome.BELOW_RANGE);
        assertThat(below.upper()).isEqualTo(1024);
    }

    @Test
    void roundsRunOutAsUnresolved() {
        Runner runner = new Runner(FakeRunner::error);
        SampleComplexitySearchResult r = curve(runner, "g.sqlite").findSampleComplexity(ALL_SEEDS.withMaxRounds(2));
        assertThat(r.outcome()).isEqualTo(SampleComplexitySearchResult.Outcome.UNRESOLVED);
        assertThat(r.rounds()).hasSize(2);
        assertThat(r.lower()).isEqualTo(16384);
        assertThat(r.upper()).isEqualTo(32768);
        assertThat(r.toString()).startsWith("UNRESOLVED (not a result)").contains("[16384, 32768]");
    }

    /** hi/lo − 1 of the bracket of {@code seed}'s own first crossing of 10 % on its own points (∞ when none). */
    static double ownBracketWidth(LearningCurveResult curve, int seed) {
        TreeMap<Long, Double> own = new TreeMap<>(curve.testError(seed, ErrorMetric.FINAL));
        Long hi = own.entrySet().stream().filter(e -> e.getValue() <= 0.1).map(Map.Entry::getKey).findFirst().orElse(null);
        if (hi == null || own.lowerKey(hi) == null) return Double.POSITIVE_INFINITY;
        return (double) hi / own.lowerKey(hi) - 1;
    }

    /**
     * The search reads P* as a dense grid does, on three laws: FakeRunner's (ε linear in ln P, seeds 25 % apart), steep
     * logistic curves with seeds a factor 2 apart, and shallow ones whose seeds straddle the median by ±40 % with one
     * seed's curve bumping back above the threshold. With the same seeds, every seed's own P* and their median lie
     * within the tolerance of the grid's (a grid 2 % apart), and no seed is "not reached" inside the searched range.
     */
    @Test
    void theSearchAgreesWithADenseGridPerSeedAndForTheMedian() {
        List<ToDoubleFunction<RunSpec>> laws = List.of(
                FakeRunner::error,
                run -> 0.75 / (1 + Math.pow(run.trainSize() / (1500.0 * Math.pow(2, run.modelSeed() - 2)), 8)),
                run -> {
                    double p0 = 6000 * (1 + 0.4 * (run.modelSeed() - 2));
                    double e = 0.75 / (1 + Math.pow(run.trainSize() / p0, 2.5));
                    // seed 3 rises by 0.08 over a band above its crossing: the grid and the search read its first crossing
                    return run.modelSeed() == 3 && run.trainSize() > 2.0 * p0 && run.trainSize() < 2.4 * p0 ? e + 0.08 : e;
                });
        double tol = 0.15;
        for (int i = 0; i < laws.size(); i++) {
            ToDoubleFunction<RunSpec> law = laws.get(i);
            SampleComplexitySearchResult search = curve(new Runner(law), "law" + i + "-search.sqlite").findSampleComplexity();
            assertThat(search.resolved()).as("law %d: %s", i, search).isTrue();
            long[] grid = java.util.stream.LongStream.iterate(64, p -> p < 262_144, p -> (long) Math.ceil(p * 1.02)).toArray();
            LearningCurveResult dense = curve(new Runner(law), "law" + i + "-grid.sqlite").sizes(grid).testSize(20_000).run();
            PStarReading g = dense.sampleComplexity(), f = search.pStar();
            assertThat(f.median().value()).as("law %d median", i).isPresent();
            assertThat(Math.abs(Math.log(f.value() / g.value()))).as("law %d median: search %s vs grid %s", i, f, g)
                    .isLessThanOrEqualTo(Math.log(1 + tol));
            for (int seed = 1; seed <= 3; seed++) {
                PStar a = f.ofSeed(seed), b = g.ofSeed(seed);
                assertThat(a.outcome()).as("law %d seed %d: %s", i, seed, a).isEqualTo(PStar.Outcome.CROSSED);
                assertThat(Math.abs(Math.log(a.samples() / b.samples()))).as("law %d seed %d: search %s vs grid %s", i, seed, a, b)
                        .isLessThanOrEqualTo(Math.log(1 + tol));
                assertThat(ownBracketWidth(search.curve(), seed)).isLessThanOrEqualTo(tol);
            }
        }
    }

    @Test
    void aNonMonotoneMedianIsReadAtItsFirstCrossingAsOnAGrid() {
        SearchPlanner planner = new SearchPlanner(0.1, 0.15, 1000, 2, 4, 10, 100_000);
        TreeMap<Long, Double> median = new TreeMap<>(Map.of(1000L, 0.5, 2000L, 0.05, 4000L, 0.3, 8000L, 0.0));
        SearchPlanner.Step step = planner.next(median, Set.copyOf(median.keySet()));
        assertThat(step.stops()).isFalse();
        assertThat(step.lower()).isEqualTo(1000);
        assertThat(step.upper()).isEqualTo(2000);
        assertThat(step.sizes()).allSatisfy(p -> assertThat(p).isStrictlyBetween(1000L, 2000L));
        // the same reading as the grid's
        assertThat(SampleComplexity.crossing(median, 0.1).samples()).isBetween(1000.0, 2000.0);

        // failed points (NaN) are left out and never proposed again
        TreeMap<Long, Double> failed = new TreeMap<>(Map.of(2000L, Double.NaN, 4000L, Double.NaN));
        SearchPlanner.Step none = planner.next(failed, Set.of(2000L, 4000L));
        assertThat(none.stop()).isEqualTo(SampleComplexitySearchResult.Outcome.UNRESOLVED);
    }

    @Test
    void aBracketWithinThreeTolerancesIsAlwaysResolvedInOneRound() {
        double tol = 0.15;
        SearchPlanner planner = new SearchPlanner(0.1, tol, 1000, 2, 4, 10, 10_000_000);
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            long lo = 10_000 + rng.nextInt(100_000);
            long hi = (long) (lo * Math.pow(1 + tol, 1.05 + 1.8 * rng.nextDouble()));
            double pStar = lo * Math.pow((double) hi / lo, rng.nextDouble());
            List<Long> pts = new ArrayList<>(planner.refine(lo, 0.3 + rng.nextDouble(), hi, 0.1 * rng.nextDouble()));
            pts.add(0, lo);
            pts.add(hi);
            for (int j = 1; j < pts.size(); j++) {
                if (pts.get(j - 1) <= pStar && pStar <= pts.get(j)) {
                    assertThat((double) pts.get(j) / pts.get(j - 1) - 1).isLessThanOrEqualTo(tol);
                }
            }
        }
    }

    @Test
    void theRefinementAimsAtTheCrossingOfLnErrorAgainstLnP() {
        SearchPlanner planner = new SearchPlanner(0.1, 0.15, 1000, 2, 4, 10, 10_000_000);
        // a power law ε = 0.1·(P/P*)^−3 through the bracket: ln ε is linear in ln P, so the crossing is exact
        double alpha = 3, pStar = 2900;
        long lo = 2000, hi = 4000;
        double errLo = 0.1 * Math.pow(lo / pStar, -alpha), errHi = 0.1 * Math.pow(hi / pStar, -alpha);
        double w = Math.log((double) hi / lo);
        assertThat(planner.crossing(errLo, errHi) * w).isCloseTo(Math.log(pStar / lo), within(1e-12));
        // the linear-in-ε reading of the same points (P*'s own) lands well above it: that is what the ln ε avoids
        double linear = (errLo - 0.1) / (errLo - errHi) * w;
        assertThat(lo * Math.exp(linear)).isGreaterThan(1.15 * pStar);
        // the two points straddle the power law's crossing, t = ln 1.15 apart (to rounding): one round resolves it
        List<Long> pts = planner.refine(lo, errLo, hi, errHi);
        assertThat(pts).hasSize(2);
        assertThat(pts.get(0)).isLessThan((long) pStar);
        assertThat(pts.get(1)).isGreaterThan((long) pStar);
        assertThat((double) pts.get(1) / pts.get(0) - 1).isLessThanOrEqualTo(0.15);

        // a logistic ε = 0.75/(1 + (P/2200)^6), like a measured median near P*: ln ε is concave in ln P, so its
        // chord crosses early (here 6 % low, the linear reading 18 % high), and the pair aimed above it straddles P*
        ToDoubleFunction<Double> logistic = p -> 0.75 / (1 + Math.pow(p / 2200, 6));
        double logisticPStar = 2200 * Math.pow(6.5, 1.0 / 6);
        double ln = lo * Math.exp(planner.crossing(logistic.applyAsDouble(2000.0), logistic.applyAsDouble(4000.0)) * w);
        assertThat(ln).isLessThan(0.97 * logisticPStar).isGreaterThan(0.9 * logisticPStar);
        List<Long> around = planner.refine(lo, logistic.applyAsDouble(2000.0), hi, logistic.applyAsDouble(4000.0));
        assertThat(around).hasSize(2);
        assertThat(around.get(0)).isLessThan((long) logisticPStar);
        assertThat(around.get(1)).isGreaterThan((long) logisticPStar);

        // a median of 0 at hi is read at the floor, not as ln 0: the crossing stays inside the bracket
        double atZero = planner.crossing(0.4, 0.0);
        assertThat(atZero).isCloseTo(Math.log(4) / Math.log(0.4 / (SearchPlanner.ERROR_FLOOR * 0.1)), within(1e-12));
        assertThat(atZero).isStrictlyBetween(0.0, 1.0);
        assertThat(planner.crossing(0.4, 0.1)).isEqualTo(1.0);
    }

    @Test
    void badSettingsAreRejectedBeforeAnyTraining() {
        assertThatThrownBy(() -> SampleComplexitySearch.defaults().withTolerance(0))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> SampleComplexitySearch.defaults().withTolerance(1))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("tolerance");
        Runner runner = new Runner(FakeRunner::error);
        assertThatThrownBy(() -> curve(runner, "h.sqlite").sizes(new long[] {100, 200}).findSampleComplexity())
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("sizes:");
        assertThat(runner.trained).isEmpty();
    }
}

package io.rhmlab.engine.curve;

import io.rhmlab.dsl.InvalidSpecException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SampleComplexityTest {

    private static PStar crossed(double p) {
        return new PStar(PStar.Outcome.CROSSED, p, "test");
    }

    private static final PStar BEYOND = new PStar(PStar.Outcome.NOT_REACHED, Double.NaN, "test");
    private static final PStar BELOW = new PStar(PStar.Outcome.BELOW_AT_SMALLEST, Double.NaN, "test");

    @Test
    void interpolatesLinearlyInLogP() {
        // ε = 0.3 at P = 100, 0.0 at P = 1000: ε hits 0.1 two thirds of the way in log P
        PStar p = SampleComplexity.crossing(new long[]{100, 1000}, new double[]{0.3, 0.0}, 0.1);
        assertThat(p.outcome()).isEqualTo(PStar.Outcome.CROSSED);
        assertThat(p.samples()).isCloseTo(100 * Math.pow(10, 2.0 / 3), within(1e-9));
        assertThat(p.value()).hasValueCloseTo(464.1588833612779, within(1e-9));
    }

    @Test
    void isExactOnACurveLinearInLogP() {
        // ε(P) = 0.6 − 0.1·ln(P / 10): crosses 0.1 at P = 10·e^5 exactly, whatever the grid
        long[] sizes = {10, 37, 150, 700, 3000, 9000};
        double[] err = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) err[i] = 0.6 - 0.1 * Math.log(sizes[i] / 10.0);
        assertThat(SampleComplexity.crossing(sizes, err, 0.1).samples()).isCloseTo(10 * Math.exp(5), within(1e-6));
    }

    @Test
    void anExactHitIsThatGridPointAndTheFirstCrossingCounts() {
        PStar p = SampleComplexity.crossing(new long[]{50, 200, 800, 3200}, new double[]{0.5, 0.1, 0.3, 0.01}, 0.1);
        assertThat(p.samples()).isEqualTo(200.0);
    }

    @Test
    void pointsAreSortedByPAndFailedPointsSkipped() {
        PStar p = SampleComplexity.crossing(new long[]{1000, 100, 500}, new double[]{0.0, 0.3, Double.NaN}, 0.1);
        assertThat(p.samples()).isCloseTo(464.1588833612779, within(1e-9));
    }

    @Test
    void notReachedWhenTheLargestPIsStillAbove() {
        PStar p = SampleComplexity.crossing(new long[]{100, 1000, 10000}, new double[]{0.8, 0.5, 0.2}, 0.1);
        assertThat(p.outcome()).isEqualTo(PStar.Outcome.NOT_REACHED);
        assertThat(p.value()).isEmpty();
        assertThat(p.reason()).contains("not reached").contains("10000");
    }

    @Test
    void belowAtTheSmallestP() {
        PStar p = SampleComplexity.crossing(new long[]{100, 1000}, new double[]{0.05, 0.01}, 0.1);
        assertThat(p.outcome()).isEqualTo(PStar.Outcome.BELOW_AT_SMALLEST);
        assertThat(p.value()).isEmpty();
        assertThat(p.reason()).contains("smallest P").startsWith("< 100");
    }

    @Test
    void noDataWhenEveryRunFailed() {
        assertThat(SampleComplexity.crossing(new long[]{100}, new double[]{Double.NaN}, 0.1).outcome())
                .isEqualTo(PStar.Outcome.NO_DATA);
    }

    @Test
    void badInputNamesTheParameter() {
        assertThatThrownBy(() -> SampleComplexity.crossing(new long[]{100, 100}, new double[]{0.3, 0.2}, 0.1))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("sizes:");
        assertThatThrownBy(() -> SampleComplexity.crossing(new long[]{-5, 100}, new double[]{0.3, 0.2}, 0.1))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("sizes:");
        assertThatThrownBy(() -> SampleComplexity.crossing(new long[]{100}, new double[]{0.3, 0.2}, 0.1))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("sizes:");
        assertThatThrownBy(() -> SampleComplexity.crossing(new long[]{100}, new double[]{0.3}, Double.NaN))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("threshold:");
    }

    @Test
    void fromASortedMap() {
        TreeMap<Long, Double> curve = new TreeMap<>();
        curve.put(100L, 0.3);
        curve.put(1000L, 0.0);
        assertThat(SampleComplexity.crossing(curve, 0.1).samples()).isCloseTo(464.1588833612779, within(1e-9));
    }

    @Test
    void medianOrdersBelowAndBeyondTheRange() {
        assertThat(SampleComplexity.median(List.of(crossed(300), crossed(100), crossed(200))).samples()).isEqualTo(200);
        assertThat(SampleComplexity.median(List.of(crossed(100), crossed(400))).samples()).isCloseTo(200, within(1e-9));
        assertThat(SampleComplexity.median(List.of(crossed(100), BEYOND, BEYOND)).outcome()).isEqualTo(PStar.Outcome.NOT_REACHED);
        assertThat(SampleComplexity.median(List.of(crossed(100), BEYOND, BELOW)).samples()).isEqualTo(100);
        assertThat(SampleComplexity.median(List.of(BELOW, BELOW, crossed(5))).outcome()).isEqualTo(PStar.Outcome.BELOW_AT_SMALLEST);
        assertThat(SampleComplexity.median(List.of(BELOW, BEYOND)).outcome()).isEqualTo(PStar.Outcome.NO_DATA);
    }

    /** The documented rule for an even number of realisations of which one never crosses. */
    @Test
    void evenCountWithOneRealisationNeverCrossing() {
        // 2 realisations: the middle pair is (500, beyond), so half of them need more than the range: not reached
        PStar two = SampleComplexity.median(List.of(crossed(500), BEYOND));
        assertThat(two.outcome()).isEqualTo(PStar.Outcome.NOT_REACHED);
        assertThat(two.reason()).contains("at least half of 2");
        // 4 realisations: the middle pair is (200, 800), both crossed: their geometric mean
        assertThat(SampleComplexity.median(List.of(crossed(100), crossed(800), BEYOND, crossed(200))).samples())
                .isCloseTo(400, within(1e-9));
    }

    @Test
    void bootstrapIntervalContainsTheMedianAndIsDeterministic() {
        List<PStar> seeds = List.of(crossed(900), crossed(1100), crossed(1000), crossed(1300), crossed(800));
        double median = SampleComplexity.median(seeds).samples();
        SampleComplexity.Interval ci = SampleComplexity.bootstrap(seeds, 0.95);
        assertThat(ci.contains(median)).as("%s contains %s", ci, median).isTrue();
        assertThat(ci.lower()).isGreaterThanOrEqualTo(800).isLessThan(median);
        assertThat(ci.upper()).isLessThanOrEqualTo(1300).isGreaterThan(median);
        assertThat(SampleComplexity.bootstrap(seeds, 0.95)).isEqualTo(ci);
    }

    @Test
    void bootstrapBoundsOpenUpWhenSomeSeedsDoNotReach() {
        List<PStar> seeds = List.of(crossed(900), crossed(1000), BEYOND);
        SampleComplexity.Interval ci = SampleComplexity.bootstrap(seeds, 0.95);
        assertThat(ci.upper()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ci.contains(SampleComplexity.median(seeds).samples())).isTrue();
        SampleComplexity.Interval one = SampleComplexity.bootstrap(List.of(crossed(500)), 0.95);
        assertThat(one.lower()).isEqualTo(500);
        assertThat(one.upper()).isEqualTo(500);
    }

    /** Below MIN_BOOTSTRAP realisations the reported interval is their min–max range and says so; from there on a bootstrap. */
    @Test
    void theReportedIntervalIsTheRangeBelowFiveRealisationsAndABootstrapFromFive() {
        List<PStar> four = List.of(crossed(900), crossed(1300), NO_DATA_PSTAR, crossed(1000), crossed(800));
        SampleComplexity.Interval range = SampleComplexity.interval(four, 0.95);
        assertThat(range.kind()).isEqualTo(SampleComplexity.Interval.Kind.RANGE);
        assertThat(range.lower()).isEqualTo(800);
        assertThat(range.upper()).isEqualTo(1300);
        assertThat(range.realisations()).isEqualTo(4);
        assertThat(range.describe()).isEqualTo("min–max over 4 realisations");
        assertThat(range.toString()).startsWith("[800").endsWith("1300] (min–max over 4 realisations)");
        assertThat(SampleComplexity.interval(List.of(crossed(900), BEYOND), 0.95).upper()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SampleComplexity.interval(List.of(crossed(500)), 0.95).describe()).isEqualTo("one realisation: no interval");

        List<PStar> five = List.of(crossed(900), crossed(1100), crossed(1000), crossed(1300), crossed(800));
        SampleComplexity.Interval boot = SampleComplexity.interval(five, 0.95);
        assertThat(SampleComplexity.MIN_BOOTSTRAP).isEqualTo(5);
        assertThat(boot).isEqualTo(SampleComplexity.bootstrap(five, 0.95));
        assertThat(boot.kind()).isEqualTo(SampleComplexity.Interval.Kind.BOOTSTRAP);
        assertThat(boot.describe()).isEqualTo("95 % bootstrap over 5 realisations");
    }

    private static final PStar NO_DATA_PSTAR = new PStar(PStar.Outcome.NO_DATA, Double.NaN, "undefined: no finished run");
}

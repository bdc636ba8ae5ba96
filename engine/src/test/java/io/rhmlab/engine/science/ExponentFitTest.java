package io.rhmlab.engine.science;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The per-realisation power-law fit behind the law sweeps, on synthetic P* values. */
class ExponentFitTest {

    private static final double[] M = {3, 4, 6};

    /** P* = C_seed·m^a·noise: noise a factor 1.1 either way. */
    private static double[][] law(double a, double[] c, double[][] noise) {
        double[][] y = new double[c.length][M.length];
        for (int s = 0; s < c.length; s++) for (int i = 0; i < M.length; i++) y[s][i] = c[s] * Math.pow(M[i], a) * noise[s][i];
        return y;
    }

    private static final double[][] NOISE = {{1.1, 0.95, 1.0}, {0.92, 1.05, 1.08}, {1.0, 1.1, 0.93}};

    @Test
    void exactPowerLawGivesItsExponentPerSeed() {
        ExponentFit f = ExponentFit.of(M, law(3, new double[] {2, 2.5, 3}, new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}), 3, 0.2);
        for (double s : f.slopes()) assertThat(s).isCloseTo(3, within(1e-12));
        assertThat(f.median()).isCloseTo(3, within(1e-12));
        assertThat(f.holds()).isTrue();
        assertThat(f.insideInterval()).isTrue();
        assertThat(f.bootstrap()).isFalse();
    }

    @Test
    void noisyLawHoldsAndTheIntervalIsTheRangeOfTheSlopes() {
        ExponentFit f = ExponentFit.of(M, law(3, new double[] {2, 2.5, 3}, NOISE), 3, 0.2);
        assertThat(f.fitted()).isEqualTo(3);
        assertThat(f.lower()).isEqualTo(java.util.Arrays.stream(f.slopes()).min().orElseThrow());
        assertThat(f.upper()).isEqualTo(java.util.Arrays.stream(f.slopes()).max().orElseThrow());
        assertThat(f.lower()).isLessThan(f.median());
        assertThat(f.median()).isLessThan(f.upper());
        assertThat(f.holds()).as(f.describe()).isTrue();
        assertThat(f.excludes(2)).isTrue();
        assertThat(f.excludes(4)).isTrue();
    }

    /** A bug making P* scale as m^2 instead of m^3 (e.g. with v, or one level too few) must fail the check. */
    @Test
    void violatedLawDoesNotHold() {
        ExponentFit f = ExponentFit.of(M, law(2, new double[] {2, 2.5, 3}, NOISE), 3, 0.2);
        assertThat(f.median()).isCloseTo(2, within(0.3));
        assertThat(f.insideInterval()).isFalse();
        assertThat(f.withinTolerance()).isFalse();
        assertThat(f.holds()).isFalse();
        assertThat(f.verdictReason()).contains("outside the interval");
    }

    @Test
    void aRealisationWithoutPStarLeavesTheLawUndecided() {
        double[][] y = law(3, new double[] {2, 2.5, 3}, NOISE);
        y[1][2] = Double.NaN;   // not reached at the largest m
        ExponentFit f = ExponentFit.of(M, y, 3, 0.2);
        assertThat(f.slopes()[1]).isNaN();
        assertThat(f.fitted()).isEqualTo(2);
        assertThat(f.complete()).isFalse();
        assertThat(f.holds()).isFalse();
        assertThat(f.describe()).contains("1 of 3 realisations lack a P*");
    }

    @Test
    void fiveRealisationsGiveABootstrapIntervalInsideTheRange() {
        double[][] y = new double[6][];
        double[] a = {2.7, 2.9, 3.0, 3.1, 3.4, 2.8};
        for (int s = 0; s < 6; s++) {
            y[s] = new double[M.length];
            for (int i = 0; i < M.length; i++) y[s][i] = 2 * Math.pow(M[i], a[s]);
        }
        ExponentFit f = ExponentFit.of(M, y, 3, 0.2);
        assertThat(f.bootstrap()).isTrue();
        assertThat(f.median()).isCloseTo(2.95, within(1e-9));
        assertThat(f.lower()).isBetween(2.7, f.median());
        assertThat(f.upper()).isBetween(f.median(), 3.4);
        assertThat(f.describe()).contains("95 % bootstrap over 6 realisations");
    }

    @Test
    void refusesDegenerateParameters() {
        assertThatThrownBy(() -> ExponentFit.of(new double[] {4}, new double[][] {{1}}, 1, 0.2)).hasMessageContaining("two");
        assertThatThrownBy(() -> ExponentFit.of(new double[] {4, 4}, new double[][] {{1, 2}}, 1, 0.2)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> ExponentFit.of(new double[] {0, 4}, new double[][] {{1, 2}}, 1, 0.2)).hasMessageContaining("> 0");
    }
}

package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;

import static io.rhmlab.dsl.correlation.LastTokenBruteForce.rhm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LastTokenEmpiricalTest {

    @Test
    void allTheDataGiveTheExactCorrelations() {
        for (Hierarchy h : new Hierarchy[] {rhm(4, 4, 2, 2, 3, 1), rhm(4, 6, 2, 3, 2, 2)}) {
            Rules rules = Rules.draw(h);
            EmpiricalLastTokenCorrelations all = EmpiricalLastTokenCorrelations.of(h, LastTokenBruteForce.everything(h, rules));
            LastTokenCorrelations exact = LastTokenCorrelations.of(rules);
            for (int t = 1; t < h.inputLength(); t++) {
                assertThat(all.rms(t)).isCloseTo(exact.rms(t), within(1e-12));
                assertThat(all.table().level(t)).isEqualTo(exact.level(t));
                for (int mu = 0; mu < h.vocabulary(); mu++)
                    for (int nu = 0; nu < h.vocabulary(); nu++)
                        assertThat(all.table().covariance(t, mu, nu)).isCloseTo(exact.covariance(t, mu, nu), within(1e-12));
            }
        }
    }

    @Test
    void theSquaredEstimateIsTheSignalPlusTheNoiseFloor() {
        Hierarchy h = rhm(16, 16, 4, 2, 3, 3);
        Rules rules = Rules.draw(h);
        LastTokenCorrelations exact = LastTokenCorrelations.of(rules);
        int v = h.vocabulary();
        for (int p : new int[] {10_000, 100_000}) {
            // i.i.d. data, so that no finite-population factor blurs the noise
            Tokens data = Dataset.sample(h, rules, p, 0, true).train();
            EmpiricalLastTokenCorrelations est = EmpiricalLastTokenCorrelations.of(h, data);
            assertThat(est.samples()).isEqualTo(p);
            assertThat(est.noiseFloor()).isCloseTo(1 / (v * Math.sqrt(p)), within(1e-15));
            double squaredError = 0, expectedNoise = 0;
            for (int t = 1; t < h.inputLength(); t++) {
                double expected = Math.sqrt(exact.rms(t) * exact.rms(t) + 1.0 / (v * v * (double) p));
                assertThat(est.rms(t) / expected).as("Ĉ(%d)/√(C² + 1/(v²P)) at P = %d", t, p).isBetween(0.8, 1.2);
                for (int mu = 0; mu < v; mu++)
                    for (int nu = 0; nu < v; nu++) {
                        double e = est.table().covariance(t, mu, nu) - exact.covariance(t, mu, nu);
                        squaredError += e * e;
                    }
                // an entry's variance is Pr[μ]Pr[ν](1 − Pr[μ])(1 − Pr[ν])/P; summed over the entries that is
                // (1 − Σ Pr[μ]²)(1 − Σ Pr[ν]²)/P, which is (1 − 1/v)²/P for uniform marginals
                expectedNoise += (1 - sumOfSquares(data, h.inputLength() - 1 - t, v)) * (1 - sumOfSquares(data, h.inputLength() - 1, v)) / p;
            }
            // the cross term 2·C·noise makes Ĉ² − C² too noisy at level 1, so the noise is checked entry by entry
            assertThat(squaredError / expectedNoise).as("Σ(Ĉ − C)² over its expectation at P = %d", p).isBetween(0.9, 1.1);
            double floor = est.noiseFloor() * est.noiseFloor();
            assertThat(squaredError / ((h.inputLength() - 1) * v * v) / floor).as("mean (Ĉ − C)² over the floor²").isBetween(0.7, 1.05);
        }
    }

    private static double sumOfSquares(Tokens data, int position, int v) {
        double[] p = new double[v];
        for (int i = 0; i < data.size(); i++) p[data.token(i, position)] += 1.0 / data.size();
        double sum = 0;
        for (double x : p) sum += x * x;
        return sum;
    }

    @Test
    void theNoiseFloorHidesTheDeepLevelsAtSmallP() {
        Hierarchy h = rhm(16, 16, 4, 2, 3, 3);
        Rules rules = Rules.draw(h);
        LastTokenCorrelations exact = LastTokenCorrelations.of(rules);
        // P far below P_3: level 3 is buried, and its measured value is set by the noise, not by the signal
        EmpiricalLastTokenCorrelations small = EmpiricalLastTokenCorrelations.sample(h, rules, 300);
        assertThat(exact.levelRms(3)).isLessThan(small.noiseFloor() / 5);
        for (int t = 4; t <= 7; t++) assertThat(small.rms(t) / small.noiseFloor()).as("Ĉ(%d)/floor", t).isBetween(0.6, 1.4);
        // and the same sample, seeded, is drawn again
        assertThat(EmpiricalLastTokenCorrelations.sample(h, rules, 300).table().rmsByDistance())
                .containsExactly(small.table().rmsByDistance());
    }

    @Test
    void invalidInputsNameTheirParameter() {
        Hierarchy h = rhm(4, 4, 2, 2, 3, 1);
        Rules rules = Rules.draw(h);
        Tokens shorter = LastTokenBruteForce.everything(rhm(4, 4, 2, 2, 2, 1), Rules.draw(rhm(4, 4, 2, 2, 2, 1)));
        assertThatThrownBy(() -> EmpiricalLastTokenCorrelations.of(h, shorter))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("d"));
        assertThatThrownBy(() -> EmpiricalLastTokenCorrelations.sample(h, rules, 0))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("P"));
        Hierarchy sparse = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(2).depth(2).sparsity(1).build();
        assertThatThrownBy(() -> EmpiricalLastTokenCorrelations.sample(sparse, Rules.draw(sparse), 10))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("s0"));
        assertThatThrownBy(() -> EmpiricalLastTokenCorrelations.of(h, shorter.first(0)))
                .isInstanceOf(InvalidSpecException.class);
    }
}

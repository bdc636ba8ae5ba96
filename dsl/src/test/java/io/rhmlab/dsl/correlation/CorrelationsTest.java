package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CorrelationsTest {

    private static Hierarchy rhm(int v, int nc, int m, int s, int L, long seed) {
        return Hierarchy.rhm().vocabulary(v).classes(nc).multiplicity(m).branching(s).depth(L).seed(seed).build();
    }

    /** All P_max data, decoded by the generator: the brute-force reference of the exact propagation. */
    private static Tokens everything(Hierarchy h, Rules rules) {
        return Dataset.sample(h, rules, h.maxSamples().intValueExact(), 0).train();
    }

    @Test
    void exactCountsEqualTheEnumerationOfAllData() {
        for (Hierarchy h : new Hierarchy[] {rhm(3, 3, 3, 2, 3, 7), rhm(3, 2, 3, 3, 2, 5), rhm(4, 3, 2, 2, 3, 1)}) {
            Rules rules = Rules.draw(h);
            Tokens all = everything(h, rules);
            for (int j = 0; j < h.inputLength() / h.branching(); j++) {
                TupleClassCounts exact = ExactCorrelations.of(rules, j);
                TupleClassCounts counted = EmpiricalCorrelations.of(h, all, j);
                assertThat(exact.total()).isCloseTo(h.maxSamples().doubleValue(), within(1e-6));
                for (int mu = 0; mu < exact.tuples(); mu++)
                    for (int a = 0; a < h.classes(); a++)
                        assertThat(exact.count(mu, a)).as("%s patch %d tuple %d class %d", h.summary(), j, mu, a)
                                .isCloseTo(counted.count(mu, a), within(1e-6));
            }
        }
    }

    @Test
    void signalAtPmaxIsTheRandomRuleVariance() {
        // docs/science.md §10.8: v/(n_c² m^(L−1)) within a factor 1.5 for v ≥ 8, averaged over rule realisations
        for (int depth = 2; depth <= 3; depth++) {
            double sum = 0;
            int n = 0;
            Hierarchy h = null;
            for (long seed = 1; seed <= 4; seed++) {
                h = rhm(8, 8, 8, 2, depth, seed);
                Rules rules = Rules.draw(h);
                for (int j = 0; j < h.inputLength() / 2; j++) {
                    sum += ExactCorrelations.of(rules, j).signalVariance();
                    n++;
                }
            }
            double ratio = sum / n / CorrelationScales.predictedSignal(h);
            assertThat(ratio).as("measured/predicted signal at L = %d", depth).isBetween(1 / 1.5, 1.5);
        }
    }

    @Test
    void empiricalFrequenciesConvergeToTheExactOnes() {
        Hierarchy h = rhm(4, 4, 4, 2, 3, 3);
        Rules rules = Rules.draw(h);
        TupleClassCounts exact = ExactCorrelations.of(rules, 0);
        Tokens pool = Dataset.sample(h, rules, 32768, 0).train();
        double previous = Double.POSITIVE_INFINITY;
        for (int p : new int[] {512, 2048, 8192, 32768}) {
            SignalToNoise snr = CorrelationScales.measure(h, exact, EmpiricalCorrelations.of(h, pool.first(p), 0));
            assertThat(snr.noise()).as("noise at P = %d", p).isLessThan(previous);
            // v·m/(n_c·P) up to the O(1) factors of (1 − 1/n_c) and ⟨1/N(μ)⟩ vs 1/⟨N(μ)⟩, and the finite-population
            // factor 1 − P/P_max of sampling without replacement (P = 32768 is half of P_max = 65536)
            double finitePopulation = 1 - p / h.maxSamples().doubleValue();
            assertThat(snr.noise() / (snr.predictedNoise() * finitePopulation)).as("noise/predicted at P = %d", p).isBetween(0.4, 2.5);
            previous = snr.noise();
        }
        TupleClassCounts full = EmpiricalCorrelations.of(h, everything(h, rules), 0);
        assertThat(full.squaredErrorAgainst(exact)).isLessThan(1e-20);
    }

    @Test
    void signalMeetsNoiseNearNcTimesMToTheL() {
        Hierarchy h = rhm(8, 8, 8, 2, 2, 11);
        Rules rules = Rules.draw(h);
        double pc = CorrelationScales.predictedCrossover(h);
        assertThat(pc).isEqualTo(512.0);
        double signal = 0;
        for (int j = 0; j < 2; j++) signal += ExactCorrelations.of(rules, j).signalVariance() / 2;
        double exactCrossover = CorrelationScales.crossover(h, signal);
        assertThat(exactCrossover / pc).isBetween(0.5, 2.0);

        TupleClassCounts exact = ExactCorrelations.of(rules, 0);
        Tokens pool = Dataset.sample(h, rules, (int) (8 * pc), 0).train();
        SignalToNoise below = CorrelationScales.measure(h, exact, EmpiricalCorrelations.of(h, pool.first((int) (pc / 8)), 0));
        SignalToNoise above = CorrelationScales.measure(h, exact, EmpiricalCorrelations.of(h, pool, 0));
        assertThat(below.signalDominates()).isFalse();
        assertThat(above.signalDominates()).isTrue();
    }
}

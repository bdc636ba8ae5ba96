package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rhmlab.dsl.correlation.LastTokenBruteForce.rhm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LastTokenScalesTest {

    @Test
    void predictionsAreConsistentWithEachOther() {
        for (Hierarchy h : new Hierarchy[] {rhm(16, 16, 4, 2, 3, 1), rhm(32, 32, 8, 2, 3, 1), rhm(11, 11, 3, 3, 3, 1)}) {
            LastTokenScales s = LastTokenScales.of(h);
            int v = h.vocabulary(), m = h.multiplicity();
            for (int level = 1; level <= h.depth(); level++) {
                // P_ℓ is where C̃(ℓ) equals the per-entry noise (v²P)^(−1/2)
                double p = s.sampleComplexity(level);
                assertThat(s.correlation(level) * v * Math.sqrt(p)).as("%s ℓ = %d", h.name(), level).isCloseTo(1, within(1e-12));
                assertThat(EmpiricalLastTokenCorrelations.noiseFloor(v, p)).isCloseTo(s.correlation(level), within(1e-15));
                if (level > 1) {
                    assertThat(p / s.sampleComplexity(level - 1)).isCloseTo(m * m, within(1e-9));
                    assertThat(s.correlation(level - 1) / s.correlation(level)).isCloseTo(m, within(1e-9));
                }
            }
            // P_1 = v·m/(1 − m/v^(s−1)), from the definition, not from the code under test
            double f = m / Math.pow(v, h.branching() - 1);
            assertThat(s.sampleComplexity(1)).isCloseTo(v * m / (1 - f), within(1e-9));
        }
    }

    @Test
    void theExactReadingIsNearThePredictionOnTheD1Family() {
        List<LastTokenCorrelations> grammars = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) grammars.add(LastTokenCorrelations.of(Rules.draw(rhm(16, 16, 4, 2, 3, seed))));
        LastTokenScales s = LastTokenScales.of(grammars.get(0).hierarchy());
        for (int level = 1; level <= 3; level++) {
            double sum = 0;
            for (LastTokenCorrelations g : grammars) sum += Math.log(LastTokenScales.exactSampleComplexity(g, level));
            double geometric = Math.exp(sum / grammars.size());
            // P scales as 1/C², so a factor 2 in C is a factor 4 in P
            assertThat(geometric / s.sampleComplexity(level)).as("exact/predicted P_%d", level).isBetween(0.25, 4.0);
        }
        LastTokenCorrelations one = grammars.get(0);
        double c = one.levelRms(2);
        assertThat(LastTokenScales.exactSampleComplexity(one, 2)).isCloseTo(1 / (256 * c * c), within(1e-9));
    }

    @Test
    void noCorrelationsMeansNoStep() {
        LastTokenScales full = LastTokenScales.of(rhm(4, 4, 4, 2, 2, 1));
        assertThat(full.correlation(1)).isZero();
        assertThat(full.sampleComplexity(1)).isInfinite();
    }

    @Test
    void invalidInputsNameTheirParameter() {
        LastTokenScales s = LastTokenScales.of(rhm(16, 16, 4, 2, 3, 1));
        for (int level : new int[] {0, 4})
            assertThatThrownBy(() -> s.correlation(level)).isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("ℓ"));
        Hierarchy sparse = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(2).depth(2).sparsity(1).build();
        assertThatThrownBy(() -> LastTokenScales.of(sparse)).isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("s0"));
        List<LastTokenCorrelations> mixed = List.of(LastTokenCorrelations.of(Rules.draw(rhm(4, 4, 2, 2, 2, 1))),
                LastTokenCorrelations.of(Rules.draw(rhm(4, 4, 2, 2, 3, 1))));
        assertThatThrownBy(() -> LastTokenScales.ensembleRms(mixed, 1)).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.parameter()).isEqualTo("grammars"));
        assertThatThrownBy(() -> LastTokenScales.ensembleRms(List.of(), 1)).isInstanceOf(InvalidSpecException.class);
    }
}

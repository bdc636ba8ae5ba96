package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rhmlab.dsl.correlation.LastTokenBruteForce.rhm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LastTokenCorrelationsTest {

    /** Small grammars: s = 2 and 3, n_c equal to, below and above v, and m = v^(s−1) (no correlations at all). */
    private static final Hierarchy[] SMALL = {
            rhm(4, 4, 2, 2, 3, 1), rhm(4, 4, 2, 2, 3, 2), rhm(4, 4, 2, 3, 2, 3), rhm(3, 3, 2, 3, 2, 4),
            rhm(4, 2, 2, 2, 3, 5), rhm(4, 6, 2, 2, 3, 6), rhm(3, 3, 3, 2, 3, 7), rhm(3, 2, 2, 2, 4, 8)};

    @Test
    void everyEntryEqualsTheEnumerationOfAllData() {
        for (Hierarchy h : SMALL) {
            Rules rules = Rules.draw(h);
            Tokens all = LastTokenBruteForce.everything(h, rules);
            LastTokenCorrelations exact = LastTokenCorrelations.of(rules);
            int v = h.vocabulary();
            assertThat(exact.distances()).isEqualTo(h.inputLength() - 1);
            for (int t = 1; t < h.inputLength(); t++) {
                double[][] counted = LastTokenBruteForce.covariance(all, v, t);
                double[][] matrix = exact.matrix(t);
                double sumSquares = 0;
                for (int mu = 0; mu < v; mu++)
                    for (int nu = 0; nu < v; nu++) {
                        assertThat(matrix[mu][nu]).as("%s t = %d entry (%d, %d)", h.name(), t, mu, nu)
                                .isCloseTo(counted[mu][nu], within(1e-12));
                        assertThat(exact.covariance(t, mu, nu)).isEqualTo(matrix[mu][nu]);
                        sumSquares += counted[mu][nu] * counted[mu][nu];
                    }
                assertThat(exact.rms(t)).as("%s C(%d)", h.name(), t).isCloseTo(Math.sqrt(sumSquares / (v * v)), within(1e-12));
            }
        }
    }

    @Test
    void correlationsAreNotTriviallyZeroExceptWhenEveryTupleIsUsed() {
        // guards the comparison above against a grammar family whose correlations all vanish
        LastTokenCorrelations some = LastTokenCorrelations.of(Rules.draw(rhm(4, 4, 2, 2, 3, 1)));
        for (int t = 1; t <= some.distances(); t++) assertThat(some.rms(t)).as("C(%d)", t).isGreaterThan(1e-4);
        // m = v^(s−1), n_c = v: every string of [v]^T is a datum exactly once, tokens are independent
        LastTokenCorrelations none = LastTokenCorrelations.of(Rules.draw(rhm(3, 3, 3, 2, 3, 9)));
        for (int t = 1; t <= none.distances(); t++) assertThat(none.rms(t)).as("C(%d)", t).isLessThan(1e-15);
    }

    @Test
    void levelsFollowTheDigitsOfTheDistance() {
        LastTokenCorrelations c = LastTokenCorrelations.of(Rules.draw(rhm(4, 4, 2, 3, 2, 3)));
        for (int t = 1; t <= 8; t++) assertThat(c.level(t)).as("ℓ(%d), s = 3", t).isEqualTo(t < 3 ? 1 : 2);
        for (long t = 1; t < 1 << 12; t++) {
            int expected = 64 - Long.numberOfLeadingZeros(t);   // ⌈log2(t + 1)⌉
            assertThat(LastTokenLevels.lcaLevel(2, t)).as("ℓ(%d), s = 2", t).isEqualTo(expected);
        }
        assertThat(LastTokenLevels.rhmlabLevel(1)).isEqualTo(2);
        assertThat(LastTokenLevels.lcaDepth(3, 3)).isZero();
    }

    @Test
    void theD1GrammarsFallByAboutMPerLevelAndMatchTheEnsemblePrediction() {
        List<LastTokenCorrelations> grammars = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) grammars.add(LastTokenCorrelations.of(Rules.draw(rhm(16, 16, 4, 2, 3, seed))));
        Hierarchy h = grammars.get(0).hierarchy();
        LastTokenScales predicted = LastTokenScales.of(h);
        int m = h.multiplicity();
        for (int level = 1; level <= 3; level++) {
            double ensemble = LastTokenScales.ensembleRms(grammars, level);
            assertThat(ensemble / predicted.correlation(level)).as("ensemble/predicted at ℓ = %d", level).isBetween(0.5, 2.0);
            if (level > 1) {
                double fall = LastTokenScales.ensembleRms(grammars, level - 1) / ensemble;
                assertThat(fall).as("C(ℓ = %d)/C(ℓ = %d)", level - 1, level).isBetween(m / 2.0, 2.0 * m);
            }
        }
        // a staircase: inside a level the ensemble RMS of each distance stays near the level's, far from the next one
        for (int t = 1; t <= 7; t++) {
            double sum = 0;
            for (LastTokenCorrelations g : grammars) sum += g.rms(t) * g.rms(t);
            double atT = Math.sqrt(sum / grammars.size());
            double level = LastTokenScales.ensembleRms(grammars, grammars.get(0).level(t));
            assertThat(atT / level).as("C(t = %d)/C(ℓ(t))", t).isBetween(0.7, 1.4);
        }
        // each grammar alone is a staircase too
        for (LastTokenCorrelations g : grammars)
            for (int level = 2; level <= 3; level++)
                assertThat(g.levelRms(level - 1) / g.levelRms(level)).as("seed %d, ℓ = %d", g.hierarchy().ruleSeed(), level)
                        .isBetween(m / 3.0, 3.0 * m);
    }

    @Test
    void invalidInputsNameTheirParameter() {
        Hierarchy sparse = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(2).depth(2).sparsity(1).build();
        assertThatThrownBy(() -> LastTokenCorrelations.of(Rules.draw(sparse)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("s0"))
                .hasMessageContaining("s0 = 1");
        Hierarchy deep = rhm(64, 64, 8, 2, 14, 1);
        assertThatThrownBy(() -> LastTokenCorrelations.of(Rules.draw(deep)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("L"));
        LastTokenCorrelations c = LastTokenCorrelations.of(Rules.draw(rhm(4, 4, 2, 2, 2, 1)));
        for (int t : new int[] {0, 4})
            assertThatThrownBy(() -> c.rms(t)).isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("t"));
        assertThatThrownBy(() -> c.levelRms(3)).isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("ℓ"));
    }
}

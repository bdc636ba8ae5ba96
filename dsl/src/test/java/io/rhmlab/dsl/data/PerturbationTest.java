package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.grammar.Derivation;
import io.rhmlab.dsl.grammar.IndexSpace;
import io.rhmlab.dsl.grammar.Parser;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.BiFunction;
import java.util.function.ToIntBiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/science.md §9.4 and §10.5 (labels invariant under P_ℓ and τ_ℓ). */
class PerturbationTest {
    private static final Hierarchy RHM = Hierarchy.rhm().v(8).classes(8).m(4).s(2).L(3).seed(21).build();
    private static final Hierarchy SRHM = Hierarchy.srhm().v(4).classes(4).m(4).s(2).L(3).s0(1).placement(Placement.A).seed(22).build();
    private static final int N = 500;

    private static Derivation parse(Parser parser, Tokens t, int i) {
        var r = parser.parse(t.datum(i));
        assertThat(r.isAccepted()).as("datum %d: %s", i, r.rejection()).isTrue();
        return r.derivation();
    }

    @Test
    void levelOneSynonymsOnlyReplaceInputTuplesByTuplesOfTheSameParent() {
        Rules rules = Rules.draw(RHM);
        Tokens base = Dataset.sample(RHM, rules, 0, N).test();
        Tokens moved = Perturbation.synonyms(rules, base, 1, 5);
        int s = 2, m = 4, leaves = 4, kept = 0, changedData = 0;
        for (int i = 0; i < N; i++) {
            assertThat(moved.label(i)).isEqualTo(base.label(i));
            byte[] x = base.datum(i), y = moved.datum(i);
            if (!java.util.Arrays.equals(x, y)) changedData++;
            for (int j = 0; j < leaves; j++) {
                int cx = rules.tupleCode(new int[]{x[j * s], x[j * s + 1]}), cy = rules.tupleCode(new int[]{y[j * s], y[j * s + 1]});
                assertThat(rules.parentOf(2, cy) / m).as("parent of tuple %d of datum %d", j, i).isEqualTo(rules.parentOf(2, cx) / m);
                if (cx == cy) kept++;
            }
        }
        assertThat(changedData).isGreaterThan(N / 2);
        assertThat(kept / (double) (N * leaves)).isBetween(0.2, 0.3); // a re-draw keeps its rule with probability 1/m
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void synonymsKeepEveryChoiceAboveTheLevelAndAllPlacements(int level) {
        assertRedrawnBelow(level, (rules, base) -> Perturbation.synonyms(rules, base, level, 6), Derivation::placement, Derivation::rule);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void diffeosKeepEveryRuleAndThePlacementsAboveTheLevel(int level) {
        assertRedrawnBelow(level, (rules, base) -> Perturbation.diffeo(rules, base, level, 7), Derivation::rule, Derivation::placement);
    }

    /**
     * Parses SRHM data before and after {@code perturb} at {@code level}: the label and the {@code kept} part of every
     * node's choice stay; the {@code redrawn} part stays above the level and differs somewhere below it.
     */
    private static void assertRedrawnBelow(int level, BiFunction<Rules, Tokens, Tokens> perturb,
                                           ToIntBiFunction<Derivation, Integer> kept, ToIntBiFunction<Derivation, Integer> redrawn) {
        Rules rules = Rules.draw(SRHM);
        Tokens base = Dataset.sample(SRHM, rules, 0, N).test();
        Tokens moved = perturb.apply(rules, base);
        Parser parser = new Parser(rules);
        int first = new IndexSpace(SRHM).firstDigitOfDepth(SRHM.depth() - level), redrawnDiffer = 0;
        for (int i = 0; i < N; i++) {
            Derivation a = parse(parser, base, i), b = parse(parser, moved, i);
            assertThat(b.label()).isEqualTo(a.label()).isEqualTo(moved.label(i));
            for (int k = 0; k < a.choices().length; k++) {
                assertThat(kept.applyAsInt(b, k)).isEqualTo(kept.applyAsInt(a, k));
                if (k < first) assertThat(redrawn.applyAsInt(b, k)).isEqualTo(redrawn.applyAsInt(a, k));
                else if (redrawn.applyAsInt(b, k) != redrawn.applyAsInt(a, k)) redrawnDiffer++;
            }
        }
        assertThat(redrawnDiffer).isPositive();
    }

    @Test
    void sameSeedSameCopiesOtherSeedOtherCopies() {
        Rules rules = Rules.draw(RHM);
        Tokens base = Dataset.sample(RHM, rules, 0, 200).test();
        assertThat(Perturbation.synonyms(rules, base, 2, 1).sameAs(Perturbation.synonyms(rules, base, 2, 1))).isTrue();
        assertThat(Perturbation.synonyms(rules, base, 2, 1).sameAs(Perturbation.synonyms(rules, base, 2, 2))).isFalse();
    }

    @Test
    void invalidRequestsAreRejected() {
        Rules rules = Rules.draw(RHM);
        Tokens base = Dataset.sample(RHM, rules, 0, 10).test();
        assertThatThrownBy(() -> Perturbation.diffeo(rules, base, 1, 0))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("placement"));
        assertThatThrownBy(() -> Perturbation.synonyms(rules, base, 0, 0))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("level"));
        assertThatThrownBy(() -> Perturbation.synonyms(rules, base, 4, 0))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("level"));
        byte[] bad = base.toByteArray();
        bad[0] = 9;
        assertThatThrownBy(() -> Perturbation.synonyms(rules, Tokens.wrap(bad, base.labels(), 8), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("datum 0");
    }
}

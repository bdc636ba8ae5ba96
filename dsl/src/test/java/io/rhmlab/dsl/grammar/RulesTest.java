package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.testing.Examples;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesTest {
    private static Hierarchy spec(int v, int nc, int m, int s, int L, long seed) {
        return Hierarchy.rhm().vocabulary(v).classes(nc).multiplicity(m).branching(s).depth(L).seed(seed).build();
    }

    @Test
    void tablesHaveThePapersShapesAndNoTupleRepeatsWithinALevel() {
        Hierarchy h = spec(6, 4, 5, 2, 4, 11);
        Rules rules = Rules.draw(h);
        assertThat(rules.depths()).isEqualTo(4);
        for (int t = 0; t < 4; t++) {
            int[][][] table = rules.table(t);
            assertThat(table).hasNumberOfRows(t == 0 ? 4 : 6);
            Set<Integer> seen = new HashSet<>();
            for (int[][] row : table) {
                assertThat(row).hasNumberOfRows(5);
                for (int[] tuple : row) {
                    assertThat(tuple).hasSize(2);
                    assertThat(java.util.Arrays.stream(tuple).allMatch(x -> x >= 0 && x < 6)).isTrue();
                    assertThat(seen.add(rules.tupleCode(tuple))).as("tuple repeated at depth %d", t).isTrue();
                }
            }
        }
    }

    @Test
    void maximalMultiplicityPartitionsAllTuples() {
        Hierarchy h = spec(4, 4, 4, 2, 3, 5);
        Rules rules = Rules.draw(h);
        for (int t = 0; t < 3; t++)
            for (int code = 0; code < 16; code++) assertThat(rules.parentOf(t, code)).isNotNegative();
    }

    @Test
    void reverseLookupInvertsTheTables() {
        Rules rules = Rules.draw(spec(5, 3, 4, 3, 2, 2));
        for (int t = 0; t < 2; t++) {
            int used = 0;
            for (int r = 0; r < rules.rows(t); r++)
                for (int k = 0; k < 4; k++) {
                    int[] tuple = {rules.child(t, r, k, 0), rules.child(t, r, k, 1), rules.child(t, r, k, 2)};
                    assertThat(rules.parentOf(t, rules.tupleCode(tuple))).isEqualTo(r * 4 + k);
                    used++;
                }
            int mapped = 0;
            for (int x : rules.reverseLookup(t)) if (x >= 0) mapped++;
            assertThat(mapped).isEqualTo(used);
        }
    }

    @Test
    void sameSeedSameTablesOtherSeedOtherTablesAndLevelsDiffer() {
        Rules a = Rules.draw(spec(8, 8, 4, 2, 3, 1)), b = Rules.draw(spec(8, 8, 4, 2, 3, 1)), c = Rules.draw(spec(8, 8, 4, 2, 3, 2));
        for (int t = 0; t < 3; t++) assertThat(a.table(t)).isDeepEqualTo(b.table(t));
        assertThat(a.table(1)).isNotEqualTo(c.table(1));
        assertThat(a.table(1)).isNotEqualTo(a.table(2));
    }

    @Test
    void injectedTablesAreUsedVerbatim() {
        Rules rules = Examples.rules(Examples.rhm());
        assertThat(rules.table(0)).isDeepEqualTo(Examples.CLASS_TABLE);
        assertThat(rules.child(1, 2, 1, 0)).isEqualTo(2);
        assertThat(rules.child(1, 2, 1, 1)).isEqualTo(1);
    }

    @Test
    void injectedTablesAreValidated() {
        Hierarchy h = Examples.rhm();
        assertThatThrownBy(() -> Rules.of(h, Examples.CLASS_TABLE))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("tables"));
        assertThatThrownBy(() -> Rules.of(h, Examples.FEATURE_TABLE, Examples.FEATURE_TABLE))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("n_c");
        int[][][] duplicate = {{{0, 1}, {2, 2}}, {{1, 0}, {0, 1}}};
        assertThatThrownBy(() -> Rules.of(h, duplicate, Examples.FEATURE_TABLE))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("twice");
        int[][][] outOfRange = {{{0, 1}, {2, 3}}, {{1, 0}, {0, 0}}};
        assertThatThrownBy(() -> Rules.of(h, outOfRange, Examples.FEATURE_TABLE))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("outside [0, v = 3)");
        int[][][] shortRule = {{{0, 1}, {2}}, {{1, 0}, {0, 0}}};
        assertThatThrownBy(() -> Rules.of(h, shortRule, Examples.FEATURE_TABLE))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("s = 2");
    }

    @Test
    void vocabularyBeyondAByteIsRejected() {
        Hierarchy h = spec(256, 2, 1, 2, 2, 0);
        assertThatThrownBy(() -> Rules.draw(h))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("v"))
                .hasMessageContaining("v = 256 > 255");
    }

    @Test
    void tupleSpaceBeyondTheLookupBoundIsRejected() {
        Hierarchy h = spec(100, 2, 1, 5, 1, 0);
        assertThatThrownBy(() -> Rules.draw(h))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("s"))
                .hasMessageContaining("v = 100").hasMessageContaining("s = 5");
    }

    @Test
    void sparseAndDenseFisherYatesAgree() {
        // v^s = 2^25 takes the sparse path; drawing the same picks densely must give the same tuples
        Hierarchy big = spec(32, 2, 3, 5, 1, 9);
        Rules rules = Rules.draw(big);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(io.rhmlab.dsl.Seeds.derive(9, io.rhmlab.dsl.Seeds.Purpose.RULES));
        int n = 1 << 25;
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) codes[i] = i;
        for (int i = 0; i < 6; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = codes[i]; codes[i] = codes[j]; codes[j] = tmp;
            int[] tuple = rules.table(0)[i / 3][i % 3];
            assertThat(rules.tupleCode(tuple)).isEqualTo(codes[i]);
        }
    }
}

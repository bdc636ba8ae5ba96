package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementsTest {
    @ParameterizedTest
    @CsvSource({"A,2,1,4", "A,3,2,27", "B,2,1,6", "B,3,1,20", "B,2,3,28"})
    void placementsAreDistinctOrderPreservingAndRankedBackwards(Placement law, int s, int s0, int expected) {
        Hierarchy h = Hierarchy.srhm().v(4).classes(2).m(2).s(s).L(1).s0(s0).placement(law).build();
        Placements p = new Placements(h);
        assertThat(p.count()).isEqualTo(expected).isEqualTo((int) h.placementsPerNode());
        Set<String> seen = new HashSet<>();
        for (int q = 0; q < p.count(); q++) {
            int[] slots = new int[s];
            for (int j = 0; j < s; j++) slots[j] = p.slot(q, j);
            for (int j = 1; j < s; j++) assertThat(slots[j]).isGreaterThan(slots[j - 1]);
            if (law == Placement.A)
                for (int j = 0; j < s; j++) assertThat(slots[j] / (s0 + 1)).isEqualTo(j);
            assertThat(Arrays.stream(slots).allMatch(x -> x >= 0 && x < s * (s0 + 1))).isTrue();
            assertThat(seen.add(Arrays.toString(slots))).isTrue();
            assertThat(p.rank(slots)).isEqualTo(q);
        }
    }

    @ParameterizedTest
    @CsvSource({"A", "B"})
    void firstPlacementIsLexicographicallySmallest(Placement law) {
        Placements p = new Placements(Hierarchy.srhm().v(4).classes(2).m(2).s(2).L(1).s0(1).placement(law).build());
        assertThat(new int[]{p.slot(0, 0), p.slot(0, 1)}).containsExactly(0, law == Placement.A ? 2 : 1);
        assertThat(p.rank(new int[]{1, 1})).isEqualTo(-1);
    }
}

package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Data drawn with replacement (the reference code's {@code --replacement}) as a setting of the hierarchy. */
class ReplacementTest {

    /** v = n_c = 2, m = 1, s = 2, L = 2: P_max = 2 distinct data. */
    private static final Hierarchy TINY = Hierarchy.rhm().vocabulary(2).classes(2).multiplicity(1).branching(2).depth(2).seed(3).build();

    @Test
    void independentDrawsRepeatDataAndMayExceedPmax() {
        Hierarchy h = TINY.withReplacement(true);
        Dataset ds = Dataset.sample(h, 40, 10);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < ds.train().size(); i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < ds.train().length(); j++) b.append(ds.train().token(i, j)).append(',');
            distinct.add(b.toString());
        }
        assertThat(distinct).hasSizeLessThanOrEqualTo(2);
        assertThat(new RunSpec(h, Architecture.cnn().build(), Training.sgd(0.1).build(), 40, 10, 1).trainSize()).isEqualTo(40);
        assertThat(h.name()).endsWith("with replacement");
    }

    @Test
    void theBuilderSaysSo() {
        assertThat(Hierarchy.rhm().vocabulary(2).classes(2).multiplicity(1).depth(2).seed(3).withReplacement().build())
                .isEqualTo(TINY.withReplacement(true)).isNotEqualTo(TINY);
        assertThat(TINY.replacement()).isFalse();
    }
}

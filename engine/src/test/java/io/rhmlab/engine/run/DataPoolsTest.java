package io.rhmlab.engine.run;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.TestRuns;
import io.rhmlab.engine.train.MemberData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Data pools: one per realisation, at its largest planned P, shared by its members (no training here). */
class DataPoolsTest {

    @Test
    void oneRealisationSharesOnePoolSampledAtItsLargestP() {
        Hierarchy h = TestRuns.task();
        RunSpec small = new RunSpec(h, TestRuns.cnn(), TestRuns.sgd(), 64, 100, 1);
        RunSpec large = new RunSpec(h, TestRuns.cnn(), TestRuns.sgd(), 256, 100, 1);
        RunSpec other = new RunSpec(h.withSeeds(2, 2), TestRuns.cnn(), TestRuns.sgd(), 64, 100, 2);
        DataPools runner = new DataPools(List.of(small, large, other));

        MemberData a = runner.data(small);
        MemberData b = runner.data(large);
        assertThat(a.trainPool()).isSameAs(b.trainPool());
        assertThat(a.test()).isSameAs(b.test());
        assertThat(a.trainPool().n()).isEqualTo(256);
        assertThat(a.test().n()).isEqualTo(100);
        assertThat(runner.data(other).trainPool()).isNotSameAs(a.trainPool()).extracting(t -> t.n()).isEqualTo(64);

        // the first 64 rows are exactly the training set a P = 64 run would draw on its own
        Dataset alone = Dataset.sample(h, 64, 100);
        assertThat(Arrays.copyOf(a.trainPool().tokens(), 64 * h.inputLength())).isEqualTo(alone.train().toByteArray());
        assertThat(Arrays.copyOf(a.trainPool().labels(), 64)).isEqualTo(alone.train().labels());
        assertThat(a.test().tokens()).isEqualTo(alone.test().toByteArray());
    }

    /** A realisation's pool is dropped once all its planned runs have asked for their data, and sampled anew after. */
    @Test
    void aPoolIsDroppedOnceNoPlannedRunNeedsIt() {
        RunSpec a = new RunSpec(TestRuns.task(), TestRuns.cnn(), TestRuns.sgd(), 64, 100, 1);
        RunSpec b = new RunSpec(TestRuns.task(), TestRuns.cnn(), TestRuns.sgd(), 128, 100, 2);
        DataPools pools = new DataPools(List.of(a, b));
        MemberData first = pools.data(a);
        pools.release(List.of(a));
        assertThat(pools.data(b).trainPool()).as("b still planned: the pool is kept").isSameAs(first.trainPool());
        pools.release(List.of(b));
        assertThat(pools.data(a).trainPool()).as("nothing planned: sampled anew").isNotSameAs(first.trainPool());
    }
}

package io.rhmlab.engine.train;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.TokenData;

import java.util.ArrayList;
import java.util.List;

/** Small RHM tasks and ensembles shared by the trainer tests. */
final class TrainerFixtures {
    static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3)
            .seed(1).sampleSeed(2).build();

    private TrainerFixtures() {
    }

    /** Training pool and test set of {@link #RHM}. */
    static MemberData data(int pool, int test) {
        Dataset ds = Dataset.sample(RHM, pool, test);
        return new MemberData(TokenData.of(ds.train()), TokenData.of(ds.test()));
    }

    static List<RunSpec> members(Architecture a, Training t, long[] sizes, int test, long... seeds) {
        List<RunSpec> out = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) out.add(new RunSpec(RHM, a, t, sizes[i], test, seeds[i]));
        return out;
    }

    static long[] same(long p, int k) {
        long[] s = new long[k];
        java.util.Arrays.fill(s, p);
        return s;
    }

    static List<MemberData> repeat(MemberData d, int k) {
        List<MemberData> out = new ArrayList<>();
        for (int i = 0; i < k; i++) out.add(d);
        return out;
    }

    static EnsembleTrainer cpu() {
        return new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.CPU).withThreads(1));
    }
}

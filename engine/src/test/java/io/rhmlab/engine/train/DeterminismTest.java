package io.rhmlab.engine.train;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.TokenData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a CPU the same members train to the same bits every time, with either step (docs/choices.md, "Determinism"). MKL may
 * round differently depending on how operands are aligned in memory, which changes between trainings; the test
 * JVMs run with MKL's strict reproducibility mode ({@code NativeEnvironment.MKL_CBWR}), as the launcher does.
 */
class DeterminismTest {

    private static final Training SGD = Training.sgd(0.05).momentum(0.9).batch(40).lossThreshold(1e-6).checkEvery(2)
            .maxEpochs(6).build();

    private static List<MemberWeights> train(Architecture arch, boolean scripted) {
        Hierarchy task = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(8).branching(2).depth(2).seed(11).build();
        Dataset ds = Dataset.sample(task, 500, 200);
        MemberData data = new MemberData(TokenData.of(ds.train()), TokenData.of(ds.test()));
        List<RunSpec> members = new ArrayList<>();
        long[] sizes = {500, 300, 220};
        for (int i = 0; i < sizes.length; i++) members.add(new RunSpec(task, arch, SGD, sizes[i], 200, i + 1));
        EnsembleTrainer trainer = new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.CPU)
                .withThreads(1).withScriptedStep(scripted));
        return trainer.trainWithWeights(members, TrainerFixtures.repeat(data, sizes.length), null).weights();
    }

    @Test
    void trainingTwiceGivesTheSameBitsWithEitherStep() {
        for (Architecture arch : List.of(Architecture.lcn().width(64).referenceOld().build(), Architecture.cnn().width(32).build())) {
            for (boolean scripted : new boolean[] {true, false}) {
                List<MemberWeights> first = train(arch, scripted), second = train(arch, scripted);
                for (int m = 0; m < first.size(); m++) {
                    for (int i = 0; i < first.get(m).values().size(); i++) {
                        assertThat(second.get(m).values().get(i)).as("%s scripted %s member %d tensor %d", arch.label(), scripted, m, i)
                                .containsExactly(first.get(m).values().get(i));
                    }
                }
            }
        }
    }
}

package io.rhmlab.engine.run;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ensembles hold only runs the trainer accepts together: one task, one training spec up to the rate. */
class SweepPlanTest {

    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(2).branching(2).depth(2)
            .seed(1).build();
    private static final Architecture CNN = Architecture.cnn().width(8).build();

    @Test
    void aLearningRateGridIsOneEnsembleAndAnotherTaskIsNot() {
        RunSpec a = new RunSpec(RHM, CNN, Training.sgd(0.1).build(), 16, 8, 1);
        RunSpec rate = new RunSpec(RHM, CNN, Training.sgd(0.3).build(), 16, 8, 2);
        RunSpec epochs = new RunSpec(RHM, CNN, Training.sgd(0.1).maxEpochs(7).build(), 16, 8, 3);
        RunSpec lastToken = a.withTask(Task.lastToken());
        List<List<RunSpec>> plan = Sweep.ensembles(List.of(a, rate, epochs, lastToken), 8);
        assertThat(plan).hasSize(3);
        assertThat(plan).anySatisfy(e -> assertThat(e).containsExactlyInAnyOrder(a, rate));
        assertThat(plan).anySatisfy(e -> assertThat(e).containsExactly(epochs));
        assertThat(plan).anySatisfy(e -> assertThat(e).containsExactly(lastToken));
    }
}

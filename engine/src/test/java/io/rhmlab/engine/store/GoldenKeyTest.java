package io.rhmlab.engine.store;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the store key of a few fixed specs. A failure here means every stored run of these specs would become
 * unreachable: change a pinned key only together with a deliberate change of the key's definition.
 */
class GoldenKeyTest {

    static RunSpec denseCnn() {
        return new RunSpec(Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(1).build(),
                Architecture.cnn().width(16).build(), Training.sgd(0.1).batch(32).maxEpochs(20).build(), 64, 100, 1);
    }

    static RunSpec sparseLcn() {
        return new RunSpec(Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).sparsity(1).seed(3).build(),
                Architecture.lcn().width(32).build(), Training.sgd(0.05).momentum(0.9).batch(64).maxEpochs(50).build(), 300, 200, 2);
    }

    static RunSpec layerwiseCnn() {
        return new RunSpec(Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(2).branching(2).depth(3).seed(7).build(),
                Architecture.cnn().width(24).build(), Training.sgd(0.1).batch(16).maxEpochs(30).build(), 128, 256, 5,
                Learner.layerwiseTraining());
    }

    @Test
    void keysOfFixedSpecs() {
        assertThat(RunKey.of(denseCnn())).isEqualTo("ccb9d65ae74028de51b5b8174a7e48a48eac9f92cf29d6e09ccc809ff78e92e4");
        assertThat(RunKey.of(sparseLcn())).isEqualTo("358f051aa2cbb5510da71d886dff32bc88aa8db1b554ecfafb4952fab2c55ff6");
        assertThat(RunKey.of(layerwiseCnn())).isEqualTo("9aac1fa07634db1acdaf95d1d68718747b85cd937d6bae8f31f13df20a09a93b");
    }
}

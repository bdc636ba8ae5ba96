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

    /** Results semantics 2: the key of the spec and the semantics version, whatever the software versions. */
    @Test
    void keysOfFixedSpecs() {
        assertThat(RunKey.RESULTS_SEMANTICS).isEqualTo(2);
        assertThat(RunKey.of(denseCnn())).isEqualTo("c4b8f3427f4090ccc0884cb6710905080f12acfa030989bc0346349554e399c5");
        assertThat(RunKey.of(sparseLcn())).isEqualTo("35c4fadfdbe0acba56842d9e2c1c5b8d8dd4b6b260fbd530e4341cecd7859478");
        assertThat(RunKey.of(layerwiseCnn())).isEqualTo("db9252609af005eb4c54639c895bba9a1cae8261ba6dde577803d0683921733c");
    }

    /** The keys rhmlab 0.1.0 wrote (spec + software versions), which the migration must recognise. */
    @Test
    void keysOfRelease010() {
        RunVersions v010 = new RunVersions("0.1.0-SNAPSHOT", "0.35.1", "2.7.1");
        assertThat(RunKey.legacyOf(denseCnn(), v010)).isEqualTo("ccb9d65ae74028de51b5b8174a7e48a48eac9f92cf29d6e09ccc809ff78e92e4");
        assertThat(RunKey.legacyOf(sparseLcn(), v010)).isEqualTo("358f051aa2cbb5510da71d886dff32bc88aa8db1b554ecfafb4952fab2c55ff6");
        assertThat(RunKey.legacyOf(layerwiseCnn(), v010)).isEqualTo("9aac1fa07634db1acdaf95d1d68718747b85cd937d6bae8f31f13df20a09a93b");
    }
}

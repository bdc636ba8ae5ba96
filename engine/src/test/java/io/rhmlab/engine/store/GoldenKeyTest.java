package io.rhmlab.engine.store;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    static RunSpec clusteringRhm() {
        return new RunSpec(Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(2).build(),
                Architecture.cnn().width(24).build(), Training.sgd(0.1).batch(16).maxEpochs(30).build(), 512, 256, 3,
                Learner.oneStepClustering(Learner.Clustering.defaults().withPatches(io.rhmlab.dsl.experiment.GradientPatches.LOCAL)));
    }

    /** The learners' settings are part of the key (each learner kind pinned, before the learner becomes a sealed type). */
    @Test
    void keysOfLearnerRuns() {
        assertThat(RunKey.of(clusteringRhm())).isEqualTo("e4ac66acbeef2b8075367e223def810e616687808533d813266ece1186fd73dc");
        assertThat(RunKey.of(clusteringRhm().withLearner(Learner.oneStepClustering()))).isEqualTo("d8b615a9df19cec2b0d24c5a5118ed4e91b88ef9ba823c333fb1c3dcb7140ab0");
        RunSpec layerwise = layerwiseCnn().withLearner(Learner.layerwiseTraining(Learner.Layerwise.defaults().withPerPositionReadout(false)));
        assertThat(RunKey.of(layerwise)).isEqualTo("bc70865869d4b29efc3d87804cc70c7d91765d0b1121e7c48fa08ae9f96bca90");
        assertThat(RunKey.of(layerwise, 3)).isEqualTo("31e90ba0bd541e88a28e40c235c4c6c83d4f579c60ab7e934b3196bdba51f321");
        assertThat(RunKey.of(denseCnn().withLearner(Learner.sgd()))).isEqualTo(RunKey.of(denseCnn()));
    }

    /**
     * The key of the spec and its semantics version, whatever the software versions. Version 4 re-keyed only the
     * runs trained through autograd (layerwise here); the scripted step's runs keep their version-3 keys.
     */
    @Test
    void keysOfFixedSpecs() {
        assertThat(RunKey.RESULTS_SEMANTICS).isEqualTo(4);
        assertThat(RunKey.of(denseCnn())).isEqualTo("05b6aac8a20e96183876af15cf3db7d5d1cd48e8d8039637956a52f6de39cd0a");
        assertThat(RunKey.of(sparseLcn())).isEqualTo("e738e3d448a58d44d844425f6ed63f892192d1be7046988ab8fa714a3741fec7");
        assertThat(RunKey.of(layerwiseCnn())).isEqualTo("1d8d27892d86c1c59eae5e658c5ecaa2f49f737aedaf97df397a01d23085ce90");
        assertThat(RunKey.of(layerwiseCnn(), 3)).isEqualTo("5d09d0f036ebaa22a521875ad86f5ee8476e7c25844976e8cc56d5671dd35d37");
    }

    /** The keys of results semantics 2 stay what they were, so the runs stored under it stay reachable and labelled. */
    @Test
    void keysOfSemantics2() {
        assertThat(RunKey.of(denseCnn(), 2)).isEqualTo("c4b8f3427f4090ccc0884cb6710905080f12acfa030989bc0346349554e399c5");
        assertThat(RunKey.of(sparseLcn(), 2)).isEqualTo("35c4fadfdbe0acba56842d9e2c1c5b8d8dd4b6b260fbd530e4341cecd7859478");
        assertThat(RunKey.of(layerwiseCnn(), 2)).isEqualTo("db9252609af005eb4c54639c895bba9a1cae8261ba6dde577803d0683921733c");
        assertThat(RunKey.of(clusteringRhm(), 2)).isEqualTo("e3c28a4cfd5e9f5396dbcb3b93a24267549ba93fead999f5dd246edc6360c59e");
    }

    /** The keys rhmlab 0.1.0 wrote (spec + software versions), which the migration must recognise. */
    @Test
    void keysOfRelease010() {
        RunVersions v010 = new RunVersions("0.1.0-SNAPSHOT", "0.35.1", "2.7.1");
        assertThat(RunKey.legacyOf(denseCnn(), v010)).isEqualTo("ccb9d65ae74028de51b5b8174a7e48a48eac9f92cf29d6e09ccc809ff78e92e4");
        assertThat(RunKey.legacyOf(sparseLcn(), v010)).isEqualTo("358f051aa2cbb5510da71d886dff32bc88aa8db1b554ecfafb4952fab2c55ff6");
        assertThat(RunKey.legacyOf(layerwiseCnn(), v010)).isEqualTo("9aac1fa07634db1acdaf95d1d68718747b85cd937d6bae8f31f13df20a09a93b");
    }

    /** A curve measuring every observable (S, D, G) at the end and every 5 epochs during training. */
    static LearningCurveSpec measuredSparseCurve() {
        return LearningCurveSpec.of(Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).sparsity(1).seed(5).build(),
                        Architecture.cnn().width(16).build(), Training.sgd(0.1).batch(32).maxEpochs(20).build(), List.of(64L, 128L), 2)
                .withTestSize(100)
                .withMeasures(Measures.parse("synonym,diffeo,noise").withBaseSize(50).atEpochs(5));
    }

    /** Measures are not part of a run's identity: a measured curve's runs keep the keys of the unmeasured ones. */
    @Test
    void keysOfMeasuredCurve() {
        LearningCurveSpec measured = measuredSparseCurve();
        List<String> keys = measured.runs().stream().map(RunKey::of).toList();
        assertThat(keys).isEqualTo(measured.withMeasures(null).runs().stream().map(RunKey::of).toList());
        // semantics 3: each run carries its realisation (base seeds, policy, index), so these keys pin curve identity too
        assertThat(keys).containsExactly("c3c7976fc532f84d912395354a0cfccd36fc544ee7bc913f58bec107646690c3",
                "309fe3ef4e9d1c442b6c69c42a913bdcbd3b3782c5c8686954f3694d5449d4b1",
                "dda7f35bf48668999ab7bb40894aecbefbfa65756f65b62d0bd4621d48b6365d",
                "9797be16bdbd73edd044f689050e26a3640b78af63661c56b8a072df357b4603");
    }

    /** The curve spec as a sweep file holds it (docs/architecture.md): the measures' JSON form is a file format. */
    @Test
    void jsonOfMeasuredCurve() {
        assertThat(SpecJson.write(measuredSparseCurve().measures())).isEqualTo("{\"base\":\"TEST\",\"baseSize\":50,\"deformations\":true,\"everyEpochs\":5,\"noise\":true,\"synonyms\":true}");
        assertThat(SpecJson.read(SpecJson.write(measuredSparseCurve()), LearningCurveSpec.class)).isEqualTo(measuredSparseCurve());
    }
}

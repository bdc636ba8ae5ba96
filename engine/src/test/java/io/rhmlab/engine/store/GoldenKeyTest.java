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
        assertThat(RunKey.of(clusteringRhm())).isEqualTo("e3c28a4cfd5e9f5396dbcb3b93a24267549ba93fead999f5dd246edc6360c59e");
        assertThat(RunKey.of(clusteringRhm().withLearner(Learner.oneStepClustering()))).isEqualTo("17827d88bfeb4bda2023d52b0928303c0571b097bd1e4a76382eb0813f2926e3");
        assertThat(RunKey.of(layerwiseCnn().withLearner(Learner.layerwiseTraining(Learner.Layerwise.defaults().withPerPositionReadout(false)))))
                .isEqualTo("670314c00c29ad4b379d8ffdeba1cc4d8e594832980a023407f97c820578f186");
        assertThat(RunKey.of(denseCnn().withLearner(Learner.sgd()))).isEqualTo(RunKey.of(denseCnn()));
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
        assertThat(keys).containsExactly("4fcf0603795e5d66bf39ff27a41c37f758817274b43735d856cf45c279112993",
                "80bdb2455c3ee85702b3c9809a14f55385144b04fc858944f75d162c47700d47",
                "c0f7645f89290c5f20bc9054443692dd8ea568a8570f9c65f2f0e5b6b169906a",
                "882af4d423cf969cf2c9d4f59b02ba2bfae0e3ba5ddfb489a07dc5e140f47669");
    }

    /** The curve spec as a sweep file holds it (docs/architecture.md): the measures' JSON form is a file format. */
    @Test
    void jsonOfMeasuredCurve() {
        assertThat(SpecJson.write(measuredSparseCurve().measures())).isEqualTo("{\"base\":\"TEST\",\"baseSize\":50,\"deformations\":true,\"everyEpochs\":5,\"noise\":true,\"synonyms\":true}");
        assertThat(SpecJson.read(SpecJson.write(measuredSparseCurve()), LearningCurveSpec.class)).isEqualTo(measuredSparseCurve());
    }
}

package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Measurements on learning curves and learners other than SGD, through the real trainer and store. */
class MeasuredCurveTest {

    @TempDir
    Path dir;

    /** v = n_c = m = 4, s = 2, L = 2: P_max = 256, n_c·m^L = 64. */
    static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).depth(2).seed(1).build();
    /** SRHM-A, v = n_c = m = 4, s0 = 1, L = 2: d = 16, P_max = 16 384. */
    static final Hierarchy SRHM = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).depth(2).sparsity(1).seed(1).build();

    private LearningCurve curve(Hierarchy task, long... sizes) {
        return LearningCurve.of(task).model(Architecture.cnn().width(16))
                .training(Training.sgd(0.1).batch(16).maxEpochs(3))
                .sizes(sizes).seeds(2).testSize(64).store(dir.resolve("runs.sqlite")).progress(false);
    }

    @Test
    void sensitivitiesAreMeasuredStoredAndServedAgain() {
        LearningCurveResult first = curve(SRHM, 32, 64).measure("synonym,diffeo").run();
        assertThat(first.trained()).isEqualTo(4);
        for (CurveMember m : first.members()) {
            double[][] s = m.measurements().get(Observable.SYNONYMS);
            assertThat(s).hasDimensions(3, 2);   // hidden layers 1, 2 and the output; levels 1, 2
            assertThat(m.measurements()).containsKey(Observable.DEFORMATIONS);
            assertThat(s[1][0]).isBetween(0.0, 3.0);
        }
        assertThat(first.synonymSensitivity()).containsOnlyKeys(32L, 64L);
        assertThat(first.medianTable(Observable.SYNONYMS).get(32L)).hasDimensions(3, 2);
        assertThat(first.synonymComplexity().perSeed()).hasSize(2);

        LearningCurveResult again = curve(SRHM, 32, 64).measure("synonym,diffeo").run();
        assertThat(again.trained()).isZero();
        assertThat(again.members().get(0).measurements().get(Observable.SYNONYMS)[1][0])
                .isEqualTo(first.members().get(0).measurements().get(Observable.SYNONYMS)[1][0]);
    }

    @Test
    void aStoredRunLackingARequestedMeasurementIsTrainedAgainToTheSameResult() {
        LearningCurveResult plain = curve(RHM, 32).run();
        assertThat(plain.members().get(0).measurements()).isEmpty();
        LearningCurveResult measured = curve(RHM, 32).measure(Measures.of(Observable.SYNONYMS).withBaseSize(40)).run();
        assertThat(measured.trained()).isEqualTo(2);
        assertThat(measured.members().get(0).testError()).isEqualTo(plain.members().get(0).testError());
        assertThat(measured.members().get(0).measurements()).containsOnlyKeys(Observable.SYNONYMS);   // no D on a dense RHM
        assertThat(curve(RHM, 32).measure("synonym").run().trained()).isZero();
    }

    @Test
    void theClusteringLearnerIsStoredUnderItsOwnKey() {
        Learner l = Learner.oneStepClustering(Learner.Clustering.defaults().withWidth(32));
        LearningCurveResult r = curve(RHM, 128, 190).learner(l).run();
        assertThat(r.members()).allSatisfy(m -> assertThat(m.spec().learner()).isEqualTo(l));
        assertThat(r.medianTestError().get(190L)).isLessThan(0.75);
        RunSpec sgd = r.members().get(0).spec().withLearner(Learner.sgd());
        assertThat(sgd.learner()).isNull();
        assertThat(RunKey.of(sgd)).isNotEqualTo(r.members().get(0).key());
        try (RunStore s = RunStore.open(dir.resolve("runs.sqlite"))) {
            assertThat(s.find(r.members().get(0).spec())).isPresent();
        }
        assertThat(curve(RHM, 128, 190).learner(l).run().trained()).isZero();
    }

    @Test
    void theLayerwiseLearnerTrainsStageByStageAndIsMeasured() {
        Learner l = Learner.layerwiseTraining(new Learner.Layerwise(3, false));
        LearningCurveResult r = curve(RHM, 64, 128).learner(l).measure("synonym").run();
        assertThat(r.failures()).isEmpty();
        assertThat(r.members()).allSatisfy(m -> {
            assertThat(m.epochs()).isBetween(2, 6);   // two stages of ≤ 3 epochs
            assertThat(m.measurements().get(Observable.SYNONYMS)).hasDimensions(3, 2);
        });
        Learner fresh = Learner.layerwiseTraining(new Learner.Layerwise(2, true));
        assertThat(curve(RHM, 64).learner(fresh).run().failures()).isEmpty();
    }

    /** The P* procedure on an observable: a synthetic S_{2,1}(P) falling through 0.3 between two grid points. */
    @Test
    void observableComplexityInterpolatesInLogP() {
        java.util.TreeMap<Long, Double> s = new java.util.TreeMap<>(java.util.Map.of(100L, 0.9, 200L, 0.5, 400L, 0.1));
        PStar p = SampleComplexity.crossing(s, 0.3);
        assertThat(p.samples()).isCloseTo(Math.exp(Math.log(200) + 0.5 * Math.log(2)), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void sgdRunsKeepTheirKeysWhenNoLearnerIsNamed() {
        RunSpec a = new RunSpec(RHM, Architecture.cnn().width(16).build(), Training.sgd(0.1).build(), 32, 64, 1);
        assertThat(RunKey.of(a)).isEqualTo(RunKey.of(a.withLearner(Learner.sgd())));
        assertThat(io.rhmlab.engine.store.SpecJson.write(a)).doesNotContain("learner");
        assertThat(List.of(a)).hasSize(1);
    }
}

package io.rhmlab.engine.run;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.TestRuns;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one map from a learner to the runner that trains it, and what each kind measures. */
class TrainerRunnerTest {

    private static final Learner.Clustering SMALL_CLUSTERING = Learner.Clustering.defaults().withWidth(32);

    @Test
    void eachLearnerReachesTheRunnerOfItsKind() {
        TrainerRunner runner = new TrainerRunner(TrainerSettings.defaults(), List.of());
        assertThat(runner.runnerFor(Learner.sgd())).isInstanceOf(SgdRunner.class);
        assertThat(runner.runnerFor(Learner.oneStepClustering())).isInstanceOf(ClusteringRunner.class);
        assertThat(runner.runnerFor(Learner.layerwiseTraining())).isInstanceOf(LayerwiseRunner.class);
    }

    /** A clustering ensemble runs through the engine's runner, one member at a time, each reported once. */
    @Test
    void aClusteringEnsembleIsFittedMemberByMember() {
        Hierarchy h = TestRuns.task();
        Learner l = Learner.oneStepClustering(SMALL_CLUSTERING);
        List<RunSpec> members = List.of(new RunSpec(h, TestRuns.cnn(), TestRuns.sgd(), 256, 100, 1, l),
                new RunSpec(h, TestRuns.cnn(), TestRuns.sgd(), 128, 100, 2, l));
        List<Integer> reported = new ArrayList<>();
        List<RunSpec> measured = new ArrayList<>();
        final class Sink implements TrainingListener, MeasurementSink {
            @Override
            public void onMemberDone(int member, MemberResult result) {
                reported.add(member);
            }

            @Override
            public void onMeasured(RunSpec run, Observable observable, double[][] table) {
                measured.add(run);
            }
        }
        TrainerRunner runner = new TrainerRunner(TrainerSettings.defaults(), members, Measures.of(Observable.SYNONYMS));
        Sink sink = new Sink();
        List<MemberResult> results = runner.run(members, sink, sink);
        assertThat(results).extracting(MemberResult::spec).containsExactlyElementsOf(members);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.CONVERGED);
            assertThat(r.testError()).isBetween(0.0, 1.0);
            assertThat(r.device()).contains("one-step + clustering");
        });
        assertThat(reported).containsExactly(0, 1);
        assertThat(measured).as("the clustering learner's nets are not the run's network: nothing measured").isEmpty();
    }

    @Test
    void whatEachKindMeasures() {
        Measures m = Measures.of(Observable.SYNONYMS).atEpochs(5);
        RunSpec sgd = TestRuns.run(64);
        assertThat(TrainerRunner.required(m, sgd)).isEqualTo(new MeasurementRequirement(java.util.Set.of(Observable.SYNONYMS), 5));
        assertThat(TrainerRunner.required(m, sgd.withLearner(Learner.layerwiseTraining())))
                .isEqualTo(new MeasurementRequirement(java.util.Set.of(Observable.SYNONYMS), 0));
        assertThat(TrainerRunner.required(m, sgd.withLearner(Learner.oneStepClustering(SMALL_CLUSTERING))))
                .isEqualTo(MeasurementRequirement.NONE);
        assertThat(TrainerRunner.required(null, sgd)).isEqualTo(MeasurementRequirement.NONE);
    }
}

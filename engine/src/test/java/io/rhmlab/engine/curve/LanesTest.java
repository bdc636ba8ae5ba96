package io.rhmlab.engine.curve;

import io.rhmlab.engine.run.Sweep;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How a sweep is cut into ensembles and lanes, and that the cut does not change what a run learns. */
class LanesTest {

    @TempDir
    Path dir;

    private static final Hierarchy TASK = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(3).build();

    private LearningCurve curve(String store, int lanes, int k) {
        return LearningCurve.of(TASK)
                .model(Architecture.cnn().width(16))
                .training(Training.sgd(0.1).batch(16).checkEvery(2).maxEpochs(8).lossThreshold(1e-2))
                .sizes(new long[] {32, 64, 128, 256}).seeds(2).testSize(128)
                .settings(new TrainerSettings(DeviceChoice.CPU, 1, 16384, lanes))
                .ensemble(k)
                .store(dir.resolve(store))
                .progress(false);
    }

    @Test
    void aCurveInLanesLearnsWhatItLearnsInOneEnsemble() {
        LearningCurveResult one = curve("one.sqlite", 1, 16).run();
        LearningCurveResult two = curve("two.sqlite", 2, 16).run();
        LearningCurveResult small = curve("small.sqlite", 2, 3).run();
        assertThat(two.trained()).isEqualTo(8);
        for (LearningCurveResult other : List.of(two, small)) {
            for (int i = 0; i < one.members().size(); i++) {
                MemberResult a = one.members().get(i).result();
                MemberResult b = other.members().get(i).result();
                assertThat(b.spec()).isEqualTo(a.spec());
                assertThat(b.status()).isEqualTo(a.status());
                assertThat(b.epochs()).isEqualTo(a.epochs());
                assertThat(b.steps()).isEqualTo(a.steps());
                assertThat(b.trainLoss()).isCloseTo(a.trainLoss(), within(1e-5 * (1 + a.trainLoss())));
                assertThat(b.testError()).isCloseTo(a.testError(), within(1.0 / 128));
            }
        }
        // the small sizes end many steps before the large ones: they leave the ensemble while the others train on
        assertThat(one.members().stream().mapToLong(m -> m.result().steps()).distinct().count()).isGreaterThan(2);
    }

    @Test
    void ensemblesAreCutLargestFirstAndLanesShareTheWork() {
        Architecture cnn = Architecture.cnn().width(16).build();
        Architecture lcn = Architecture.lcn().width(16).build();
        Training t = Training.sgd(0.1).batch(16).maxEpochs(10).build();
        Hierarchy task = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(3).seed(3).build();
        List<RunSpec> runs = new ArrayList<>();
        for (long p : new long[] {100, 800, 200, 400}) {
            runs.add(new RunSpec(task, cnn, t, p, 64, 1));
            runs.add(new RunSpec(task, cnn, t, p, 64, 2));
        }
        runs.add(new RunSpec(task, lcn, t, 300, 64, 1));

        List<List<RunSpec>> single = Sweep.ensembles(runs, 3);
        // CNN runs by decreasing P, cut in threes; the LCN run apart (it cannot share a CNN ensemble)
        assertThat(single).extracting(e -> e.stream().map(RunSpec::trainSize).toList())
                .containsExactly(List.of(800L, 800L, 400L), List.of(400L, 200L, 200L), List.of(100L, 100L), List.of(300L));
        assertThat(single.get(3).get(0).architecture()).isEqualTo(lcn);

        List<List<List<RunSpec>>> lanes = Sweep.plan(runs, 16, 2);
        assertThat(lanes).hasSize(2);
        long[] work = new long[2];
        for (int i = 0; i < 2; i++) {
            for (List<RunSpec> e : lanes.get(i)) {
                assertThat(e.stream().map(RunSpec::architecture).distinct()).hasSize(1);
                for (RunSpec r : e) work[i] += r.trainSize();
            }
        }
        assertThat(work[0] + work[1]).isEqualTo(2 * (100 + 800 + 200 + 400) + 300);
        assertThat(Math.abs(work[0] - work[1])).isLessThanOrEqualTo(300);
        // each lane holds one of the two largest runs: both lanes last about as long
        assertThat(lanes).allSatisfy(lane -> assertThat(lane.get(0).get(0).trainSize()).isEqualTo(800L));
        assertThat(Sweep.plan(runs, 16, 2)).isEqualTo(lanes);
    }
}

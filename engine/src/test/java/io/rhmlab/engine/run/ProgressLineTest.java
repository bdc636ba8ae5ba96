package io.rhmlab.engine.run;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.FakeRunner;
import io.rhmlab.engine.curve.LearningCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    @TempDir
    Path dir;

    /** The docs/architecture.md task: v = n_c = m = 8, s = 2, L = 3; n_c·m^L = 4096, P_max = 8^8. */
    static final Hierarchy TASK = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(8).branching(2).depth(3).seed(1).build();

    private LearningCurve curve(FakeRunner runner) {
        return LearningCurve.of(TASK)
                .model(Architecture.cnn().width(256))
                .training(Training.sgd(0.1).momentum(0.9).batch(128).lossThreshold(1e-3).maxEpochs(300))
                .sizes(TASK.sizesAround(0.25, 16.0, 7)).seeds(3)
                .store(dir.resolve("runs.sqlite"))
                .ensemble(4)
                .progress(false)
                .runner(runner);
    }

    @Test
    void progressDegradesToPlainLinesWithoutATerminal() {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        curve(new FakeRunner()).listener(new ProgressLine(new PrintStream(plain, true, StandardCharsets.UTF_8), false)).run();
        String text = plain.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").contains("21 runs, 0 already in the store, 21 to train")
                .contains("ensemble 6/6").contains("CONVERGED P=65536 seed=3");

        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        curve(new FakeRunner()).listener(new ProgressLine(new PrintStream(tty, true, StandardCharsets.UTF_8), true)).run();
        assertThat(tty.toString(StandardCharsets.UTF_8)).contains("21 runs, 21 already in the store").contains("\r[");

        ProgressLine line = new ProgressLine(new PrintStream(new ByteArrayOutputStream()), true);
        line.onSweepStart(10, 5);
        line.onEnsembleStart(1, 2, List.of(curve(new FakeRunner()).spec().runs().get(0)));
        line.onEpoch(40, 1, 0.0123);
        assertThat(line.line()).startsWith("[############............] 5/10 runs · ensemble 1/2 (1/1 active) · epoch 40/"
                + curve(new FakeRunner()).spec().runs().get(0).training().maxEpochs() + " · loss 1.230e-02");
    }

    @Test
    void progressShowsTheEpochCapAndTheTimeLeft() {
        long[] now = {0};
        ProgressLine line = new ProgressLine(new PrintStream(new ByteArrayOutputStream()), true, () -> now[0]);
        RunSpec run = curve(new FakeRunner()).spec().runs().get(0);
        RunSpec capped = new RunSpec(run.hierarchy(), run.architecture(),
                Training.sgd(0.1).maxEpochs(200).build(), run.trainSize(), run.testSize(), run.modelSeed());
        line.onSweepStart(6, 2);                             // 4 to train
        line.onEnsembleStart(1, 2, List.of(capped, capped));
        assertThat(line.line()).contains("epoch 0/200").doesNotContain("left");   // nothing to extrapolate from yet
        now[0] = 10_000_000_000L;                            // 10 s: 2 members at epoch 100/200 = 1 of 4 runs' work
        line.onEpoch(100, 2, 0.5);
        assertThat(line.nanosLeft()).isEqualTo(30_000_000_000L);
        assertThat(line.line()).contains("epoch 100/200").endsWith("0m10s · about 0m30s left");
        now[0] = 20_000_000_000L;                            // both members done at 20 s: half the work
        line.onMemberDone(0, FakeRunner.result(capped));
        line.onMemberDone(1, FakeRunner.result(capped));
        line.onEpoch(200, 0, 0.1);
        assertThat(line.line()).startsWith("[################........] 4/6 runs").endsWith("about 0m20s left");
    }
}

package io.rhmlab.engine.curve;

import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lanes that finish early hand their cores to the lanes still training, and a run learns the same bits whether its
 * lane took more threads on the way or not.
 */
class LaneCoresTest {

    @TempDir
    Path dir;

    private static final Hierarchy TASK = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(5).build();

    /** Two lanes: the one with the largest P trains long after the other has ended (a few epochs at small P). */
    private LearningCurve curve(String store, TrainerSettings settings) {
        return LearningCurve.of(TASK)
                .model(Architecture.cnn().width(16))
                .training(Training.sgd(0.1).batch(16).checkEvery(10).maxEpochs(60).lossThreshold(1e-9))
                .sizes(new long[] {16, 320}).seeds(1).testSize(128)
                .settings(settings)
                .store(dir.resolve(store))
                .progress(false);
    }

    @Test
    void aLaneThatEndsHandsItsCoreOnAndTheBitsStay() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger mostThreads = new AtomicInteger();
        TrainingListener threads = new TrainingListener() {
            @Override
            public void onEpoch(int epoch, int active, double meanLoss) {
                // heard on the lane's own thread, whose intra-op thread count this reads
                mostThreads.accumulateAndGet(JniUtils.getNumThreads(), Math::max);
            }
        };
        TrainerSettings shared = TrainerSettings.defaults().withDevice(DeviceChoice.CPU).withLanes(2);
        LearningCurveResult lanes = curve("lanes.sqlite", shared).listener(threads).run();
        LearningCurveResult pinned = curve("pinned.sqlite", shared.withThreads(1)).run();

        assertThat(lanes.trained()).isEqualTo(2);
        assertThat(mostThreads.get()).as("the long lane's threads once the short one ended").isEqualTo(cores);
        for (int i = 0; i < lanes.members().size(); i++) {
            MemberResult a = pinned.members().get(i).result();
            MemberResult b = lanes.members().get(i).result();
            assertThat(b.epochs()).isEqualTo(a.epochs());
            assertThat(Double.doubleToRawLongBits(b.trainLoss())).as("train loss of P = %d", a.spec().trainSize())
                    .isEqualTo(Double.doubleToRawLongBits(a.trainLoss()));
            assertThat(b.testError()).isEqualTo(a.testError());
        }
    }
}

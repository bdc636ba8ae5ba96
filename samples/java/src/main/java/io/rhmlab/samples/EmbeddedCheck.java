package io.rhmlab.samples;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.NativeEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an application embedding rhmlab gets without setting anything (run by {@code samples/java/check.sh} in a JVM
 * started without the launcher's environment): a tiny curve trains, and afterwards the JVM has DJL's offline mode
 * and telemetry opt-out, and MKL runs in its strict reproducibility mode. Prints one {@code key=value} line each.
 */
public final class EmbeddedCheck {
    public static void main(String[] args) throws Exception {
        Hierarchy task = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build();
        Path dir = Files.createTempDirectory("rhmlab-embedded");
        LearningCurveResult curve = LearningCurve.of(task)
                .model(Architecture.cnn().width(16))
                .training(Training.sgd(0.2).momentum(0.9).batch(32).lossThreshold(1e-3).maxEpochs(5))
                .sizes(new long[] {64}).seeds(1).testSize(256)
                .device(DeviceChoice.CPU).progress(false)
                .store(dir.resolve("runs.sqlite"))
                .run();
        System.out.println("trained=" + curve.trained());
        System.out.println("ai.djl.offline=" + System.getProperty("ai.djl.offline"));
        System.out.println("OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING"));
        System.out.println("MKL_CBWR(native)=" + NativeEnvironment.nativeValue("MKL_CBWR"));
        System.out.println("environment: " + NativeEnvironment.describe());
    }

    private EmbeddedCheck() {
    }
}

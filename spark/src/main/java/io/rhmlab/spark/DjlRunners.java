package io.rhmlab.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.curve.EnsembleRunner;
import io.rhmlab.engine.curve.TrainerRunner;
import io.rhmlab.engine.train.TrainerSettings;

import java.util.List;

/**
 * The engine's {@link TrainerRunner} on a Spark task thread. PyTorch's grad mode is per thread, and DJL turns it
 * off only on the thread that loads the engine; a Spark task runs on an executor pool thread, where grad mode is
 * still on, and the trainer's in-place parameter updates then fail ("a leaf Variable that requires grad is being
 * used in an in-place operation"). So grad mode is switched off on the task's thread before training, as DJL
 * does on its loading thread (the GradientCollector switches it on and off again around each step).
 */
final class DjlRunners {

    private DjlRunners() {
    }

    static EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned) {
        TrainerRunner runner = new TrainerRunner(settings, planned);
        return (members, listener) -> {
            Engine.getInstance();            // loads the PyTorch engine (offline) if this JVM has not yet
            JniUtils.setGradMode(false);     // on this thread
            return runner.run(members, listener);
        };
    }
}

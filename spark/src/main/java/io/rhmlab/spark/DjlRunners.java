package io.rhmlab.spark;

import ai.djl.engine.Engine;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.TrainerRunner;
import io.rhmlab.engine.train.TrainerSettings;

import java.util.List;

/**
 * The engine's {@link TrainerRunner} on a Spark task thread. The trainer sets PyTorch's per-thread grad mode
 * itself, so an executor pool thread trains like the thread that loaded DJL; only the engine must be loaded.
 */
final class DjlRunners {

    private DjlRunners() {
    }

    /** {@link ExecutorRunnerFactory#DJL}: the engine's runner, measuring what the curve measures. */
    static final class Factory implements ExecutorRunnerFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned) {
            return DjlRunners.create(settings, planned, Measures.none());
        }

        @Override
        public EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned, Measures measures) {
            return DjlRunners.create(settings, planned, measures);
        }
    }

    static EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned, Measures measures) {
        TrainerRunner runner = new TrainerRunner(settings, planned, measures);
        return (members, listener, measurements) -> {
            io.rhmlab.engine.train.Offline.ensure();   // an executor's JVM: offline and MKL's mode before the engine
            Engine.getInstance();            // loads the PyTorch engine (offline) if this JVM has not yet
            return runner.run(members, listener, measurements);
        };
    }
}

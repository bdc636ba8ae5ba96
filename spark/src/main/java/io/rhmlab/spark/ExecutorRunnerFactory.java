package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.TrainerRunner;
import io.rhmlab.engine.train.TrainerSettings;

import java.io.Serializable;
import java.util.List;

/**
 * Makes, on an executor, the {@link EnsembleRunner} that trains one chunk. It is shipped to the executors with
 * every task, so it must be {@link Serializable} (a lambda or method reference typed as this interface is) and
 * must not capture driver-side state. The default is {@link #DJL}, the engine's local runner.
 */
@FunctionalInterface
public interface ExecutorRunnerFactory extends Serializable {

    /** The engine's DJL runner ({@link TrainerRunner}), as a local curve uses it, made safe for task threads. */
    ExecutorRunnerFactory DJL = new DjlRunners.Factory();

    /**
     * @param settings how the trainer uses the executor's machine
     * @param planned  the chunk's runs plus, per realisation, the largest run of the whole sweep, so that data
     *                 pools are sampled at the same size as on the local path
     */
    EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned);

    /**
     * As {@link #create(TrainerSettings, List)}, measuring {@code measures} on every trained member and handing them
     * to the runner's measurement sink; a factory that measures nothing ignores them.
     */
    default EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned, Measures measures) {
        return create(settings, planned);
    }
}

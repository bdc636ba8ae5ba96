package io.rhmlab.engine.run;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;

import java.util.List;

/**
 * Receives observables measured on a trained run (e.g. an {@link Observable#SYNONYMS}
 * table). An {@link EnsembleRunner} that measures calls it, after the run's {@code onMemberDone}, on the
 * listener it was given when that listener is also a sink ({@link Sweep}'s is: it stores the value with the run).
 */
@FunctionalInterface
public interface MeasurementSink {
    void onMeasured(RunSpec run, Observable observable, double[][] table);

    /**
     * The observables of {@code run} measured during training, in increasing epoch; reported once, with its
     * end-of-training tables. Ignored by default.
     */
    default void onMeasuredDuringTraining(RunSpec run, List<CheckpointMeasurement> series) {
    }
}

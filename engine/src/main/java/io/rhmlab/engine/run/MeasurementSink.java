package io.rhmlab.engine.run;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;

import java.util.List;

/**
 * Receives observables measured on a trained run (e.g. an {@link Observable#SYNONYMS} table). An
 * {@link EnsembleRunner} that measures calls the sink it was given after the run's {@code onMemberDone}
 * ({@link Sweep}'s stores each value with its run).
 */
@FunctionalInterface
public interface MeasurementSink {
    /** Keeps nothing: whoever passes it asks for no measurements, and a runner measures nothing for it. */
    MeasurementSink DISCARD = (run, observable, table) -> { };

    void onMeasured(RunSpec run, Observable observable, double[][] table);

    /**
     * The observables of {@code run} measured during training, in increasing epoch; reported once, with its
     * end-of-training tables. Ignored by default.
     */
    default void onMeasuredDuringTraining(RunSpec run, List<CheckpointMeasurement> series) {
    }
}

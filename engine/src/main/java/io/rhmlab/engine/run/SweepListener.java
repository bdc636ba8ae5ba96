package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/** A {@link TrainingListener} that also hears how a sweep is split into ensembles (progress displays). */
public interface SweepListener extends TrainingListener {

    /** The sweep has {@code total} runs, {@code reused} of which are served from the store. */
    default void onSweepStart(int total, int reused) {
    }

    /** Ensemble {@code index} (1-based) of {@code count} starts with these members. */
    default void onEnsembleStart(int index, int count, List<RunSpec> members) {
    }

    /** A whole ensemble failed with {@code error}; its unfinished members are stored as FAILED. */
    default void onEnsembleFailed(int index, RuntimeException error) {
    }

    /** Every ensemble has finished (or failed). */
    default void onSweepEnd() {
    }
}

package io.rhmlab.engine.science;

import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.TrainerSettings;

import java.io.PrintStream;

/**
 * Where a reproduction runs.
 *
 * @param store    the run store (left open)
 * @param settings device and threads of the trainer
 * @param log      progress lines (curve tables as they finish); may be null
 * @param progress whether the trainer's progress line is drawn on stderr
 * @param quick    a reduced grid (tests, smoke checks): same code, fewer sizes and seeds
 */
public record ReproductionContext(RunStore store, TrainerSettings settings, PrintStream log, boolean progress, boolean quick) {

    /** A curve attached to this context's store, settings and progress choice. */
    LearningCurve curve(io.rhmlab.dsl.Hierarchy task) {
        return LearningCurve.of(task).store(store).settings(settings).progress(progress);
    }

    void log(String line) {
        if (log != null) log.println(line);
    }
}

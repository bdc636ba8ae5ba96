package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/**
 * Trains a list of runs (same architecture and training) as one batched ensemble, calling
 * {@link TrainingListener#onMemberDone} as each member stops, handing what it measured on a member to
 * {@code measurements} after that member's result, and returning every member's result in the order given. The
 * seam between the sweep logic and the trainer: tests pass fakes, a distributed executor could pass a remote one.
 */
@FunctionalInterface
public interface EnsembleRunner {
    List<MemberResult> run(List<RunSpec> members, TrainingListener listener, MeasurementSink measurements);
}

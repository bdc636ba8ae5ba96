package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/**
 * Trains the members of one ensemble, all of one learner ({@link io.rhmlab.dsl.experiment.Learner}), on their
 * data: one implementation per kind of learner, chosen by {@link TrainerRunner}. Calls
 * {@link TrainingListener#onMemberDone} once per member, hands what it measured to {@code measurements}, and returns
 * every member's result in the order given.
 */
interface LearnerRunner {
    List<MemberResult> run(List<RunSpec> members, List<MemberData> data, TrainingListener listener,
                           MeasurementSink measurements);
}

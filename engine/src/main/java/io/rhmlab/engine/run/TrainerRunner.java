package io.rhmlab.engine.run;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.learn.LayerwiseLearner;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link EnsembleRunner} of this JVM: hands each ensemble to the {@link LearnerRunner} of its learner
 * ({@link #runnerFor}, the one place that maps a learner to the code that trains it), with the members' data
 * from the {@link DataPools} and the observables of {@link Measures} taken by the {@link Measurer}.
 */
public final class TrainerRunner implements EnsembleRunner {

    private final EnsembleTrainer trainer;
    private final DataPools pools;
    private final Measurer measurer;
    private java.nio.file.Path weightsDir;

    /** @param planned every run this runner will train, so that each data pool is sampled once at its largest size */
    public TrainerRunner(TrainerSettings settings, List<RunSpec> planned) {
        this(settings, planned, Measures.none());
    }

    /** As {@link #TrainerRunner(TrainerSettings, List)}, measuring {@code measures} on every trained network. */
    public TrainerRunner(TrainerSettings settings, List<RunSpec> planned, Measures measures) {
        this.trainer = new EnsembleTrainer(settings);
        this.pools = new DataPools(planned);
        this.measurer = new Measurer(measures, pools, settings);
    }

    /**
     * Keeps the initial and final weights of every SGD run that trains to the end under {@code dir}, one folder per
     * run ({@link io.rhmlab.engine.store.SavedWeights}), to be measured later without training again.
     */
    public TrainerRunner savingWeights(java.nio.file.Path dir) {
        this.weightsDir = dir;
        return this;
    }

    /**
     * The names this runner measures on {@code run} (what a stored run must carry to be reused): the tables, and
     * the series measured during training when {@link Measures#everyEpochs()} is set (SGD runs only).
     */
    public static MeasurementRequirement required(Measures measures, RunSpec run) {
        return Measurer.required(measures, run);
    }

    /** Fails (naming the learner) when {@code learner} cannot run in this build. */
    public static void requireAvailable(Learner learner) {
        if (learner instanceof Learner.LayerwiseTraining) {
            InvalidSpecException.require(LayerwiseLearner.available(), "learner", LayerwiseLearner.unavailableReason());
        }
    }

    @Override
    public List<MemberResult> run(List<RunSpec> members, TrainingListener listener, MeasurementSink measurements) {
        List<MemberData> data = new ArrayList<>(members.size());
        for (RunSpec r : members) data.add(pools.data(r));
        try {
            // members of one ensemble share their learner (Sweep.plan groups them so)
            return runnerFor(members.get(0).learnerOrSgd()).run(members, data, listener, measurements);
        } finally {
            pools.release(members);
        }
    }

    /** The runner of {@code learner}'s kind, with its settings. */
    LearnerRunner runnerFor(Learner learner) {
        return learner.accept(new Learner.Visitor<>() {
            @Override
            public LearnerRunner sgd() {
                return new SgdRunner(trainer, measurer, weightsDir);
            }

            @Override
            public LearnerRunner oneStepClustering(Learner.Clustering s) {
                return new ClusteringRunner(pools, s);
            }

            @Override
            public LearnerRunner layerwiseTraining(Learner.Layerwise s) {
                return new LayerwiseRunner(trainer, measurer, s);
            }
        });
    }
}

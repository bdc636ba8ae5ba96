package io.rhmlab.dsl.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;

import java.math.BigInteger;

/**
 * One training run, fully specified: the unit that is trained (as a member of an ensemble), stored and
 * looked up again by the content hash of this value. The hierarchy carries the rule and sample seeds.
 *
 * @param hierarchy    the task, with its rule and sample seeds
 * @param architecture the network
 * @param training     the optimiser and stopping rule
 * @param trainSize    P, the first P of the sample order after the test set
 * @param testSize     held-out data (the first of the sample order)
 * @param modelSeed    seed of the network initialisation and of the batch order
 * @param learner      how the run learns; {@code null} = end-to-end SGD (the default, normalised so: an explicit
 *                     SGD learner is stored as null), left out of the canonical JSON when null so that the keys
 *                     of SGD runs are those of specs written before learners existed
 * @param realisation  which realisation of which learning curve this run is (its curve identity: base seeds, seed
 *                     policy, index = model seed); {@code null} for a run declared on its own (e.g. {@code rhmlab train}),
 *                     whose curve is its hierarchy with the seeds it has
 * @param task         what the network predicts; {@code null} = classification (the default, normalised so: an explicit
 *                     {@link Task.Classify} is stored as null), left out of the canonical JSON when null so that
 *                     classification runs keep the keys of specs written before tasks existed
 */
public record RunSpec(Hierarchy hierarchy, Architecture architecture, Training training,
                      long trainSize, int testSize, long modelSeed,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Learner learner,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Realisation realisation,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Task task) {

    /** A run of the classification task. */
    public RunSpec(Hierarchy hierarchy, Architecture architecture, Training training, long trainSize, int testSize,
                   long modelSeed, Learner learner, Realisation realisation) {
        this(hierarchy, architecture, training, trainSize, testSize, modelSeed, learner, realisation, null);
    }

    /** An end-to-end SGD run. */
    public RunSpec(Hierarchy hierarchy, Architecture architecture, Training training, long trainSize, int testSize, long modelSeed) {
        this(hierarchy, architecture, training, trainSize, testSize, modelSeed, null, null);
    }

    /** A run declared on its own (no curve). */
    public RunSpec(Hierarchy hierarchy, Architecture architecture, Training training, long trainSize, int testSize,
                   long modelSeed, Learner learner) {
        this(hierarchy, architecture, training, trainSize, testSize, modelSeed, learner, null);
    }

    public RunSpec {
        InvalidSpecException.require(hierarchy != null && architecture != null && training != null, "run",
                "hierarchy, architecture and training must be set");
        InvalidSpecException.require(trainSize >= 1, "P_train", "P = " + trainSize + " must be ≥ 1");
        InvalidSpecException.require(trainSize <= Integer.MAX_VALUE, "P_train", "P = " + trainSize + " must fit in an int");
        InvalidSpecException.require(testSize >= 0, "P_test", "test size = " + testSize + " must be ≥ 0");
        BigInteger total = BigInteger.valueOf(trainSize).add(BigInteger.valueOf(testSize));
        InvalidSpecException.require(hierarchy.replacement() || total.compareTo(hierarchy.maxSamples()) <= 0, "P_train + P_test",
                "P_train + P_test = " + total + " > P_max = " + hierarchy.maxSamples());
        if (task instanceof Task.Classify) task = null;   // stored as null: the keys of specs written before tasks
        taskOrClassify(task).requireCompatible(hierarchy);
        architecture.requireCompatible(hierarchy, taskOrClassify(task));
        if (learner instanceof Learner.Sgd) learner = null;   // stored as null: the keys of specs written before learners
        InvalidSpecException.require(!(learner instanceof Learner.OneStepClustering) || !hierarchy.isSparse(),
                "learner", "the one-step + clustering learner reads dense s-patches; got s0 = " + hierarchy.sparsity());
        if (task != null && learner != null) {
            throw new InvalidSpecException("learner", "the " + task.name() + " task is learnt by end-to-end SGD; the "
                    + learner.label() + " learner reads class labels");
        }
        if (realisation != null) {
            InvalidSpecException.require(realisation.index() == modelSeed, "modelSeed",
                    "realisation " + realisation.index() + " of a curve trains with model seed " + realisation.index() + ", got " + modelSeed);
            InvalidSpecException.require(realisation.apply(hierarchy).equals(hierarchy), "hierarchy",
                    "the seeds (rules " + hierarchy.ruleSeed() + ", sample " + hierarchy.sampleSeed() + ") are not those of realisation "
                            + realisation.index() + " of base seeds (" + realisation.ruleSeed() + ", " + realisation.sampleSeed() + ")");
        }
    }

    /** The task as its curve declared it: the base seeds of the realisation, or this run's own seeds. */
    public Hierarchy curveHierarchy() {
        return realisation == null ? hierarchy : realisation.base(hierarchy);
    }

    /** The same run at training-set size {@code p}. */
    public RunSpec withTrainSize(long p) {
        return new RunSpec(hierarchy, architecture, training, p, testSize, modelSeed, learner, realisation, task);
    }

    /** The task, classification when none is set. */
    public Task taskOrClassify() {
        return taskOrClassify(task);
    }

    private static Task taskOrClassify(Task task) {
        return task == null ? Task.classify() : task;
    }

    public RunSpec withTask(Task t) {
        return new RunSpec(hierarchy, architecture, training, trainSize, testSize, modelSeed, learner, realisation, t);
    }

    /** The learner, SGD when none is set. */
    public Learner learnerOrSgd() {
        return learner == null ? Learner.sgd() : learner;
    }

    public RunSpec withLearner(Learner l) {
        return new RunSpec(hierarchy, architecture, training, trainSize, testSize, modelSeed, l, realisation, task);
    }
}

package io.rhmlab.dsl.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * A learning curve: test error against the training-set size P, for several realisations (seeds) of the same
 * task, network and training. An immutable value that expands deterministically into {@link RunSpec}s, one
 * per (seed, P); each run is an independent job with its own content key, so any runner may execute them.
 *
 * <p>All runs of one seed share the data pool of that realisation: the test set is the first {@code testSize}
 * of the sample order and a training set of size P is the next P, so smaller training sets are prefixes of
 * larger ones and the test set is the same for every P (docs/science.md §5.4).
 *
 * @param hierarchy    the task; its seeds are those of seed 1
 * @param architecture the network
 * @param training     the optimiser and stopping rule
 * @param sizes        the training-set sizes P, ascending and distinct (normalised so by the constructor)
 * @param seeds        the number of realisations, ≥ 1
 * @param testSize     the held-out data per realisation, ≥ 1, with max P + testSize ≤ P_max
 * @param seedPolicy   whether each seed draws new rules or keeps the task's
 * @param learner      how every run learns (null = end-to-end SGD); part of each run's key
 * @param measures     observables measured on every trained network (null = none); not part of run keys
 * @param task         what every run predicts (null = classification); part of each run's key
 */
public record LearningCurveSpec(Hierarchy hierarchy, Architecture architecture, Training training,
                                List<Long> sizes, int seeds, int testSize, SeedPolicy seedPolicy,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Learner learner,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Measures measures,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Task task) {

    public LearningCurveSpec(Hierarchy hierarchy, Architecture architecture, Training training,
                             List<Long> sizes, int seeds, int testSize, SeedPolicy seedPolicy, Learner learner, Measures measures) {
        this(hierarchy, architecture, training, sizes, seeds, testSize, seedPolicy, learner, measures, null);
    }

    public LearningCurveSpec(Hierarchy hierarchy, Architecture architecture, Training training,
                             List<Long> sizes, int seeds, int testSize, SeedPolicy seedPolicy) {
        this(hierarchy, architecture, training, sizes, seeds, testSize, seedPolicy, null, null);
    }

    /** The test size of the references' figures (docs/science.md §2.C), clipped where P_max leaves less room. */
    public static final int DEFAULT_TEST_SIZE = 20_000;

    public LearningCurveSpec {
        require(hierarchy != null, "hierarchy", "the task must be set");
        require(architecture != null, "architecture", "the network must be set (model(...))");
        require(training != null, "training", "the training must be set (training(...))");
        require(seedPolicy != null, "seedPolicy", "must be NEW_RULES or FIXED_RULES");
        require(sizes != null && !sizes.isEmpty(), "sizes", "at least one training-set size P is needed");
        TreeSet<Long> sorted = new TreeSet<>();
        for (Long p : sizes) {
            require(p != null && p >= 1, "sizes", "every P must be ≥ 1, got " + p);
            require(p <= Integer.MAX_VALUE, "sizes", "P = " + p + " must fit in an int");
            sorted.add(p);
        }
        sizes = List.copyOf(sorted);
        require(seeds >= 1, "seeds", "seeds = " + seeds + " must be ≥ 1");
        require(testSize >= 1, "testSize", "test size = " + testSize + " must be ≥ 1");
        BigInteger total = BigInteger.valueOf(sorted.last()).add(BigInteger.valueOf(testSize));
        require(hierarchy.replacement() || total.compareTo(hierarchy.maxSamples()) <= 0, "P_train + P_test",
                "max P + test size = " + sorted.last() + " + " + testSize + " = " + total
                        + " > P_max = " + hierarchy.maxSamples());
        if (task instanceof Task.Classify) task = null;
        Task t = task == null ? Task.classify() : task;
        t.requireCompatible(hierarchy);
        architecture.requireCompatible(hierarchy, t);
        if (learner instanceof Learner.Sgd) learner = null;   // stored as null: the keys of specs written before learners
        if (measures != null && measures.isEmpty()) measures = null;
        require(task == null || measures == null, "measures", "the sensitivities perturb the classification task's "
                + "inputs; they are not defined for the " + t.name() + " task");
    }

    public LearningCurveSpec withLearner(Learner l) {
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, seeds, testSize, seedPolicy, l, measures, task);
    }

    public LearningCurveSpec withMeasures(Measures m) {
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, seeds, testSize, seedPolicy, learner, m, task);
    }

    public LearningCurveSpec withTask(Task t) {
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, seeds, testSize, seedPolicy, learner, measures, t);
    }

    /** The task, classification when unset. */
    public Task taskOrClassify() {
        return task == null ? Task.classify() : task;
    }

    /** The measures, none when unset. */
    public Measures measuresOrNone() {
        return measures == null ? Measures.none() : measures;
    }

    /** The learner, SGD when unset. */
    public Learner learnerOrSgd() {
        return learner == null ? Learner.sgd() : learner;
    }

    /** A curve with the default test size (see {@link #defaultTestSize}) and new rules per seed. */
    public static LearningCurveSpec of(Hierarchy hierarchy, Architecture architecture, Training training,
                                       List<Long> sizes, int seeds) {
        require(hierarchy != null, "hierarchy", "the task must be set");
        require(sizes != null && !sizes.isEmpty(), "sizes", "at least one training-set size P is needed");
        long maxP = sizes.stream().mapToLong(p -> p == null ? 0 : p).max().orElse(0);
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, seeds,
                defaultTestSize(hierarchy, maxP), SeedPolicy.NEW_RULES);
    }

    /**
     * min(P_max − max P, 20 000): the references' test size, clipped so that training and test data stay
     * disjoint draws without replacement (docs/science.md §5.5). Fails, naming the sizes, when no room is left.
     */
    public static int defaultTestSize(Hierarchy hierarchy, long maxTrainSize) {
        require(maxTrainSize >= 1, "sizes", "every P must be ≥ 1, got " + maxTrainSize);
        if (hierarchy.replacement()) return DEFAULT_TEST_SIZE;   // independent draws: no room to leave
        BigInteger room = hierarchy.maxSamples().subtract(BigInteger.valueOf(maxTrainSize));
        require(room.signum() > 0, "P_train + P_test",
                "max P = " + maxTrainSize + " leaves no room for a test set: P_max = " + hierarchy.maxSamples());
        return room.min(BigInteger.valueOf(DEFAULT_TEST_SIZE)).intValueExact();
    }

    public LearningCurveSpec withTestSize(int size) {
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, seeds, size, seedPolicy, learner, measures, task);
    }

    /** The same curve over realisations 1..n only: each keeps its runs, since seed i's runs depend on i alone. */
    public LearningCurveSpec withSeeds(int n) {
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, n, testSize, seedPolicy, learner, measures, task);
    }

    public LearningCurveSpec withSeedPolicy(SeedPolicy policy) {
        return new LearningCurveSpec(hierarchy, architecture, training, sizes, seeds, testSize, policy, learner, measures, task);
    }

    /** The task realisation of seed i (1-based): its rule and sample seeds per {@link #seedPolicy} ({@link Realisation}). */
    public Hierarchy realisation(int seed) {
        require(seed >= 1 && seed <= seeds, "seed", "seed = " + seed + " must be in 1.." + seeds);
        return Realisation.of(hierarchy, seedPolicy, seed).apply(hierarchy);
    }

    /** Every (seed, P) of the curve, seed-major then ascending P: the order in which runs are scheduled. */
    public List<Member> members() {
        List<Member> out = new ArrayList<>(seeds * sizes.size());
        for (int seed = 1; seed <= seeds; seed++) {
            Realisation r = Realisation.of(hierarchy, seedPolicy, seed);
            Hierarchy h = r.apply(hierarchy);
            for (long p : sizes) out.add(new Member(seed, p, new RunSpec(h, architecture, training, p, testSize, seed, learner, r, task)));
        }
        return List.copyOf(out);
    }

    /** The runs of {@link #members()}, in the same order. */
    public List<RunSpec> runs() {
        return members().stream().map(Member::run).toList();
    }

    /** The largest P of the curve. */
    public long maxSize() {
        return sizes.get(sizes.size() - 1);
    }

    /**
     * One point of one realisation.
     *
     * @param seed      the realisation, 1..seeds (also the model seed)
     * @param trainSize P
     * @param run       the fully specified run
     */
    public record Member(int seed, long trainSize, RunSpec run) {
    }
}

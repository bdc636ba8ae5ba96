package io.rhmlab.engine.curve;

import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.ForwardingListener;
import io.rhmlab.engine.run.MeasurementRequirement;
import io.rhmlab.engine.run.ProgressLine;
import io.rhmlab.engine.run.RunOutcome;
import io.rhmlab.engine.run.Sweep;
import io.rhmlab.engine.run.TrainerRunner;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.SeedPolicy;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.ArchitectureBuilder;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.dsl.train.TrainingBuilder;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.Devices;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * A learning curve, declared fluently and run through the store:
 * <pre>{@code
 * var curve = LearningCurve.of(task)
 *         .model(Architecture.cnn().width(256))
 *         .training(Training.sgd(0.1).momentum(0.9).batch(128).lossThreshold(1e-3).maxEpochs(300))
 *         .sizes(task.sizesAround(0.25, 16.0, 10)).seeds(3)
 *         .run();     // stored runs are reused; a second run() trains nothing
 * }</pre>
 * Nothing is checked until {@link #spec()}, {@link #pending()} or {@link #run()}, which validate everything
 * before any work starts. Builders ({@code Architecture.cnn()...}) are accepted as well as built values.
 */
public final class LearningCurve {

    /** Members trained together when not told otherwise. */
    public static final int DEFAULT_ENSEMBLE = 16;

    private final Hierarchy task;
    private Architecture architecture;
    private Training training;
    private List<Long> sizes;
    private int seeds = 1;
    private Integer testSize;
    private SeedPolicy seedPolicy = SeedPolicy.NEW_RULES;
    private Path storeFile;
    private RunStore store;
    private int ensemble = DEFAULT_ENSEMBLE;
    private TrainerSettings settings = TrainerSettings.defaults();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean progress = true;
    /** Where progress shows; null = the stderr line. */
    private TrainingListener progressDisplay;
    private Function<List<RunSpec>, EnsembleRunner> runner;
    private Learner learner;
    private Measures measures;
    private Task predict;
    private Path weightsDir;

    private LearningCurve(Hierarchy task) {
        this.task = task;
    }

    /**
     * A curve of {@code task}; its seeds are those of the first realisation. The host's {@link CurveHooks} are applied
     * to it first, so the settings made on it afterwards win.
     */
    public static LearningCurve of(Hierarchy task) {
        InvalidSpecException.require(task != null, "hierarchy", "the task must be set");
        LearningCurve curve = new LearningCurve(task);
        CurveHooks.applyTo(curve);
        return curve;
    }

    /**
     * A curve of {@code spec}, every field carried (hierarchy, architecture, training, sizes, seeds, test size,
     * seed policy, learner, measures): what a Spark sweep or a stored spec file runs.
     */
    public static LearningCurve of(LearningCurveSpec spec) {
        InvalidSpecException.require(spec != null, "curve", "the learning-curve spec must be set");
        LearningCurve c = of(spec.hierarchy()).model(spec.architecture()).training(spec.training()).sizes(spec.sizes())
                .seeds(spec.seeds()).testSize(spec.testSize()).seedPolicy(spec.seedPolicy()).learner(spec.learner())
                .task(spec.task());
        if (spec.measures() != null) c.measure(spec.measures());
        return c;
    }

    public LearningCurve model(Architecture architecture) {
        this.architecture = architecture;
        return this;
    }

    public LearningCurve model(ArchitectureBuilder architecture) {
        return model(architecture.build());
    }

    public LearningCurve training(Training training) {
        this.training = training;
        return this;
    }

    public LearningCurve training(TrainingBuilder training) {
        return training(training.build());
    }

    /** The training-set sizes P, e.g. {@code task.sizesAround(0.25, 16.0, 10)}; sorted and deduplicated. */
    public LearningCurve sizes(long[] sizes) {
        this.sizes = sizes == null ? null : LongStream.of(sizes).boxed().toList();
        return this;
    }

    public LearningCurve sizes(List<Long> sizes) {
        this.sizes = sizes == null ? null : new ArrayList<>(sizes);
        return this;
    }

    /** Realisations per P (default 1). */
    public LearningCurve seeds(int seeds) {
        this.seeds = seeds;
        return this;
    }

    /** Held-out data per realisation; default min(P_max − max P, 20 000). */
    public LearningCurve testSize(int testSize) {
        this.testSize = testSize;
        return this;
    }

    /** New rules for every seed (default), or the task's rules for all of them ({@link SeedPolicy#FIXED_RULES}). */
    public LearningCurve seedPolicy(SeedPolicy policy) {
        this.seedPolicy = policy;
        return this;
    }

    /** Keep the task's rules; seeds vary only the sample and the network. */
    public LearningCurve fixedRules() {
        return seedPolicy(SeedPolicy.FIXED_RULES);
    }

    /**
     * How every run learns: {@link Learner#sgd()} (default), {@link Learner#oneStepClustering()} or
     * {@link Learner#layerwiseTraining()}. Part of each run's key, like the architecture.
     */
    public LearningCurve learner(Learner learner) {
        this.learner = learner;
        return this;
    }

    /**
     * What every run predicts: {@link Task#classify()} (default) or {@link Task#lastToken(int)} (docs/last-token.md).
     * Part of each run's key, like the architecture.
     */
    public LearningCurve task(Task task) {
        this.predict = task;
        return this;
    }

    /**
     * Keeps the initial and final weights of every run trained here (not of runs reused from the store) under
     * {@code dir}, one folder per run, so they can be measured later ({@code rhmlab measure DIR}).
     */
    public LearningCurve saveWeights(Path dir) {
        this.weightsDir = dir;
        return this;
    }

    /** Where {@link #saveWeights} keeps the weights, if it was asked to. */
    public Optional<Path> savedWeightsDir() {
        return Optional.ofNullable(weightsDir);
    }

    /**
     * Observables measured on every trained network and stored with its run, e.g.
     * {@code .measure(Measures.of(SYNONYMS, DEFORMATIONS))}: S_{k,ℓ} (and D_{k,ℓ} on a
     * Sparse RHM) for every hidden layer and the output, every level, on N = 500 held-out base inputs by default.
     * Not part of run keys: a stored run that lacks a requested measurement is trained again (deterministically)
     * and measured, since weights are not stored. {@code .measure(Measures.parse("synonym,noise").atEpochs(10))}
     * also measures them every 10 epochs during training ({@link CurveMember#checkpoints()}).
     */
    public LearningCurve measure(Measures measures) {
        this.measures = measures;
        return this;
    }

    /** Measures from names, as on the command line: {@code measure("synonym,diffeo,noise")}. */
    public LearningCurve measure(String names) {
        return measure(Measures.parse(names));
    }

    /** The store file (default {@value RunStore#DEFAULT_FILE} in the working folder), opened and closed by {@link #run()}. */
    public LearningCurve store(Path file) {
        this.storeFile = file;
        this.store = null;
        return this;
    }

    /** An open store, left open after {@link #run()}. */
    public LearningCurve store(RunStore store) {
        this.store = store;
        this.storeFile = null;
        return this;
    }

    /** K, the most members trained as one batched ensemble (default {@value #DEFAULT_ENSEMBLE}). */
    public LearningCurve ensemble(int k) {
        this.ensemble = k;
        return this;
    }

    public LearningCurve device(DeviceChoice device) {
        this.settings = settings.withDevice(device);
        return this;
    }

    /** How the trainer uses the machine (device, threads, evaluation batch). */
    public LearningCurve settings(TrainerSettings settings) {
        this.settings = settings;
        return this;
    }

    /** Also tell {@code listener} about training (added to the progress display, not replacing it). */
    public LearningCurve listener(TrainingListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Show progress (default true): the line on stderr, or the display set by {@link #progressDisplay}. */
    public LearningCurve progress(boolean show) {
        this.progress = show;
        return this;
    }

    /**
     * Shows progress on {@code display} instead of the stderr line (a notebook's updating display in its cell);
     * {@link #progress progress(false)} still turns it off.
     */
    public LearningCurve progressDisplay(TrainingListener display) {
        this.progressDisplay = Objects.requireNonNull(display, "display");
        return this;
    }

    /** Trains with {@code runner} instead of the DJL trainer (tests, remote executors). */
    public LearningCurve runner(EnsembleRunner runner) {
        Objects.requireNonNull(runner, "runner");
        this.runner = planned -> runner;
        return this;
    }

    /** The validated spec: what would be run. */
    public LearningCurveSpec spec() {
        InvalidSpecException.require(sizes != null && !sizes.isEmpty(), "sizes", "at least one training-set size P is needed (sizes(...))");
        return specAt(sizes, testSize);
    }

    /** The validated spec at {@code sizes} (a null test size takes the default). */
    private LearningCurveSpec specAt(List<Long> sizes, Integer testSize) {
        InvalidSpecException.require(seeds >= 1, "seeds", "seeds = " + seeds + " must be ≥ 1");
        InvalidSpecException.require(ensemble >= 1, "K", "ensemble size K = " + ensemble + " must be ≥ 1");
        TrainerRunner.requireAvailable(learner);
        InvalidSpecException.require(task != null, "hierarchy", "the task must be set");
        InvalidSpecException.require(sizes != null && !sizes.isEmpty(), "sizes", "at least one training-set size P is needed");
        int test = testSize != null ? testSize
                : LearningCurveSpec.defaultTestSize(task, sizes.stream().mapToLong(p -> p == null ? 0 : p).max().orElse(0));
        // built in one piece: each part is checked against all the others (a transformer only with its task)
        return new LearningCurveSpec(task, architecture, training, sizes, seeds, test, seedPolicy, learner, measures, predict);
    }

    /** The runs not yet finished in the store: the work a (possibly distributed) runner still has to do. */
    public List<RunSpec> pending() {
        LearningCurveSpec spec = spec();
        return withStore(s -> Sweep.pending(spec.runs(), s, required(spec)));
    }

    /** Serves every stored run from the store, trains the others, stores each as it finishes. */
    public LearningCurveResult run() {
        LearningCurveSpec spec = spec();
        return withStore(s -> run(spec, s));
    }

    /**
     * Finds P* at 10% final test error to a relative bracket width of 0.15, from the theory scale, instead of
     * sweeping a grid of P ({@link SampleComplexitySearch}). Leave {@link #sizes} unset: the search chooses them.
     * Until the crossing is bracketed one pilot seed explores; every point inside a bracket and both ends of the
     * final one are trained with every seed (their median decides). The points of one round train as shared
     * ensembles; every stored run of this curve (any P) is reused, so a second search trains nothing.
     */
    public SampleComplexitySearchResult findSampleComplexity() {
        return findSampleComplexity(SampleComplexitySearch.defaults());
    }

    /** As {@link #findSampleComplexity()}, searching as {@code search} says. */
    public SampleComplexitySearchResult findSampleComplexity(SampleComplexitySearch search) {
        InvalidSpecException.require(search != null, "search", "the search settings must be set");
        InvalidSpecException.require(sizes == null, "sizes",
                "findSampleComplexity chooses the sizes P itself: leave sizes(...) unset (or run() a grid instead)");
        InvalidSpecException.require(architecture != null, "architecture", "the network must be set (model(...))");
        long pMax = task.maxSamples().min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).longValueExact();
        int test = testSize != null ? testSize : (int) Math.min(LearningCurveSpec.DEFAULT_TEST_SIZE, pMax / 2);
        long scale = Scales.theoryScale(task, architecture).min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).longValueExact();
        long minSize = Math.max(1, (long) Math.floor(scale / search.maxMultiple()));
        long maxSize = Math.min((long) Math.ceil(scale * search.maxMultiple()), pMax - test);
        InvalidSpecException.require(maxSize >= minSize, "testSize", "test size " + test + " leaves no room below P_max = "
                + task.maxSamples() + " for training sets of at least " + minSize);
        LearningCurveSpec template = specAt(List.of(maxSize), test);   // every constraint checked before any training
        long start = search.start() > 0 ? search.start() : scale;
        SearchPlanner planner = new SearchPlanner(search.threshold(), search.tolerance(), start, search.firstFrom(), search.firstTo(), minSize, maxSize);
        return withStore(s -> SampleComplexitySearcher.run(search, planner, scale, minSize, maxSize,
                todo -> runMembers(todo, test, s), () -> storedMembers(template, s), template));
    }

    /** The curve of exactly the members {@code todo} names (P ↦ seeds), trained or read like any curve's. */
    private LearningCurveResult runMembers(SortedMap<Long, SortedSet<Integer>> todo, int test, RunStore s) {
        int seeds = todo.values().stream().mapToInt(SortedSet::last).max().orElse(1);
        return run(specAt(List.copyOf(todo.keySet()), test).withSeeds(seeds), s, m -> todo.get(m.trainSize()).contains(m.seed()));
    }

    /**
     * P ↦ the seeds of this curve (at the template's test size) already stored there, finished and measured as
     * required: the search reads them for free.
     */
    private static SortedMap<Long, SortedSet<Integer>> storedMembers(LearningCurveSpec template, RunStore s) {
        List<RunSpec> seeds = template.runs();   // seed i's run at the template's P, i = 1..n
        long at = seeds.get(0).trainSize();
        Function<RunSpec, MeasurementRequirement> required = required(template);
        SortedMap<Long, SortedSet<Integer>> out = new TreeMap<>();
        for (var stored : s.list()) {
            if (!stored.isFinished()) continue;
            try {
                RunSpec r = stored.spec();
                int seed = seeds.indexOf(r.withTrainSize(at)) + 1;
                if (seed > 0 && Sweep.pending(List.of(r), s, required).isEmpty()) {
                    out.computeIfAbsent(r.trainSize(), p -> new TreeSet<>()).add(seed);
                }
            } catch (RuntimeException unreadable) {
                // a run of another shape (or an older format) is simply not a member
            }
        }
        return out;
    }

    private LearningCurveResult run(LearningCurveSpec spec, RunStore s) {
        return run(spec, s, m -> true);
    }

    /** The members of {@code spec} that {@code include} accepts (the P* search trains some seeds at some P). */
    private LearningCurveResult run(LearningCurveSpec spec, RunStore s, java.util.function.Predicate<LearningCurveSpec.Member> include) {
        List<LearningCurveSpec.Member> members = spec.members().stream().filter(include).toList();
        List<RunSpec> runs = members.stream().map(LearningCurveSpec.Member::run).toList();
        Function<RunSpec, MeasurementRequirement> required = required(spec);
        List<RunSpec> todo = Sweep.pending(runs, s, required);
        // the device is settled before the first run trains: a missing GPU is one message, not FAILED runs
        if (runner == null && !todo.isEmpty()) Devices.resolve(settings.device());
        // a runner of the caller's (a fake, Spark) trains one ensemble at a time; ours trains in lanes
        TrainerSettings machine = runner != null ? settings.withLanes(1) : Devices.lanesFor(settings, todo.size());
        EnsembleRunner r = runner != null ? runner.apply(todo)
                : new TrainerRunner(machine, todo, spec.measuresOrNone()).savingWeights(weightsDir);
        List<TrainingListener> all = new ArrayList<>();
        if (progress) all.add(progressDisplay != null ? progressDisplay : new ProgressLine());
        all.addAll(listeners);
        // lanes that finish early hand their cores to the others, unless the caller fixed the thread count
        boolean shareCores = runner == null && settings.threads() == 0;
        List<RunOutcome> outcomes = Sweep.run(runs, s, r, ensemble, machine.lanes(), shareCores, new ForwardingListener(all),
                required);
        Map<RunSpec, RunOutcome> byRun = new HashMap<>();
        for (RunOutcome o : outcomes) byRun.put(o.spec(), o);
        List<CurveMember> out = new ArrayList<>(members.size());
        for (LearningCurveSpec.Member m : members) {
            RunOutcome o = byRun.get(m.run());
            out.add(new CurveMember(m.seed(), m.trainSize(), o.key(), o.result(), o.reused(), o.measurements(),
                    o.checkpoints()));
        }
        return new LearningCurveResult(spec, out);
    }

    private static Function<RunSpec, MeasurementRequirement> required(LearningCurveSpec spec) {
        Measures m = spec.measuresOrNone();
        return r -> TrainerRunner.required(m, r);
    }

    private <T> T withStore(Function<RunStore, T> work) {
        if (store != null) return work.apply(store);
        try (RunStore s = storeFile == null ? RunStore.openDefault() : RunStore.open(storeFile)) {
            return work.apply(s);
        }
    }
}

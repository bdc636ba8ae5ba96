package io.rhmlab.kernel.script

import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.RhmDsl
import io.rhmlab.dsl.TrainingScope
import io.rhmlab.dsl.WriteThrough
import io.rhmlab.dsl.experiment.GradientPatches
import io.rhmlab.dsl.experiment.Learner
import io.rhmlab.dsl.experiment.Task
import io.rhmlab.dsl.experiment.Measures
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.train.Training
import io.rhmlab.engine.curve.LearningCurve
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.curve.ErrorMetric
import io.rhmlab.engine.curve.SampleComplexitySearch
import io.rhmlab.engine.curve.SampleComplexitySearchResult
import io.rhmlab.engine.train.DeviceChoice
import io.rhmlab.engine.train.TrainingListener
import java.nio.file.Path
import kotlin.properties.ReadWriteProperty
import kotlin.reflect.KProperty

/**
 * Receiver of `learningCurve(task) { }`: the settings of [LearningCurve], written through to it, so the
 * Kotlin and Java curves are one implementation.
 */
@RhmDsl
class LearningCurveScope internal constructor(private val curve: LearningCurve) {
    /** The network: `model = cnn { width = 256 }`. */
    var model: Architecture by WriteThrough { curve.model(it) }
    /** How it is trained: `training = sgd(lr = 0.1)`, or the [train] block. */
    var training: Training by WriteThrough { curve.training(it) }
    /** The training-set sizes P: `sizes = task.sizesAround(from = 0.25, to = 16.0, points = 10)`. */
    var sizes: LongArray by WriteThrough { curve.sizes(it) }
    /** Realisations per P (new rules per seed unless [fixedRules]). */
    var seeds: Int by WriteThrough { curve.seeds(it) }
    /** Held-out data per realisation (default min(P_max − max P, 20 000)). */
    var testSize: Int by WriteThrough { curve.testSize(it) }
    /** K, the most members trained as one batched ensemble. */
    var ensemble: Int by WriteThrough { curve.ensemble(it) }
    /** The run store file; finished runs found there are reused, not retrained. */
    var store: Path by WriteThrough { curve.store(it) }
    var device: DeviceChoice by WriteThrough { curve.device(it) }
    /**
     * Keep each trained run's initial and final weights under this folder (the reference's `--save_init_net` and
     * `--save_last_net`), for `rhmlab measure DIR` or `SavedRunMeasurer` to measure later without training.
     */
    var saveWeights: Path by WriteThrough { curve.saveWeights(it) }
    /** Whether a progress line is drawn on stderr. */
    var progress: Boolean by WriteThrough { curve.progress(it) }

    /** How every run learns: `learner = clustering()`, `learner = layerwise(epochsPerLayer = 100)`; default SGD. */
    var learner: Learner by WriteThrough { curve.learner(it) }

    /** End-to-end SGD (the default). */
    fun sgd(): Learner = Learner.sgd()

    /**
     * What every run predicts: `predict = lastToken()` (the last token from the ones before it, docs/last-token.md),
     * `predict = lastToken(context = 4)` (from the last 4 positions, the masked one included); default [classify].
     */
    var predict: Task by WriteThrough { curve.task(it) }

    /** The root's class from the whole input (the default). */
    fun classify(): Task = Task.classify()

    /** The last token from its predecessors; `context` = positions kept, the masked one included (0 = all s^L). */
    fun lastToken(context: Int = 0): Task = Task.lastToken(context)

    /** P1's one-step gradient + clustering learner (docs/science.md §2.E.5). */
    fun clustering(width: Int = 512, stepSize: Double = 1000.0, clusters: Int = 0, restarts: Int = 10,
                   majorityTop: Boolean = false, patches: GradientPatches = GradientPatches.FIRST): Learner =
        Learner.oneStepClustering(Learner.Clustering(width, stepSize, clusters, restarts, 300, majorityTop, patches))

    /** Layerwise training after P3 (docs/science.md §4.C): `epochsPerLayer` = 0 uses the training's maxEpochs. */
    fun layerwise(epochsPerLayer: Int = 0, freshSamples: Boolean = false, perPositionReadout: Boolean = true): Learner =
        Learner.layerwiseTraining(Learner.Layerwise(epochsPerLayer, freshSamples, perPositionReadout))

    /**
     * Observables measured on every trained net and stored with its run:
     * `measure { synonymSensitivity(); diffeoSensitivity(); noiseSensitivity() }`; with `everyEpochs = 10` also
     * every 10 epochs during training.
     */
    fun measure(block: MeasureScope.() -> Unit) {
        val scope = MeasureScope()
        scope.block()
        curve.measure(scope.measures)
    }

    /** `train { sgd(lr = 0.1, momentum = 0.9); batch = 128; maxEpochs = 300 }`. */
    fun train(block: TrainingScope.() -> Unit) {
        training = io.rhmlab.dsl.train(block)
    }

    /** Sizes given one by one: `sizes(256, 512, 1024)`. */
    fun sizes(vararg p: Long) {
        sizes = p
    }

    /** The run store by file name: `store("runs/curves.sqlite")`. */
    fun store(file: String) {
        store = Path.of(file)
    }

    /** Keep the task's rules for every seed; seeds then vary only the sample and the network. */
    fun fixedRules() {
        curve.fixedRules()
    }

    /** Also tell [listener] about training. */
    fun listener(listener: TrainingListener) {
        curve.listener(listener)
    }
}

/** Receiver of `measure { }`: which sensitivities, on how many and which base inputs. */
@RhmDsl
class MeasureScope internal constructor() {
    internal var measures: Measures = Measures.none()

    /** Base inputs (default 500, clipped to the test size). */
    var baseSize: Int
        get() = measures.baseSize()
        set(value) { measures = measures.withBaseSize(value) }

    /** S_{k,ℓ} for every hidden layer and the output, every level. */
    fun synonymSensitivity() { measures = measures.with(Observable.SYNONYMS) }

    /** D_{k,ℓ} (Sparse RHM; ignored on a dense RHM). */
    fun diffeoSensitivity() { measures = measures.with(Observable.DEFORMATIONS) }

    /** G_k: isotropic Gaussian noise on the encoded input, σ = the typical per-entry RMS difference of two data. */
    fun noiseSensitivity() { measures = measures.with(Observable.NOISE) }

    /** Also measure every N epochs during training (epoch 0 included; 0 = only at the end, the default). */
    var everyEpochs: Int
        get() = measures.everyEpochs()
        set(value) { measures = measures.atEpochs(value) }

    /** Measure on training points, as the old reference did (default: held-out points). */
    fun onTrainingPoints() { measures = measures.withBase(Measures.Base.TRAIN) }
}

/**
 * A learning curve of [task], trained (or served from the store) when the block ends:
 * ```
 * val curve = learningCurve(task) {
 *     model = cnn { width = 256 }
 *     train { sgd(lr = 0.1, momentum = 0.9); batch = 128; lossThreshold = 1e-3; maxEpochs = 300 }
 *     sizes = task.sizesAround(from = 0.25, to = 16.0, points = 10)
 *     seeds = 3
 * }
 * ```
 */
fun learningCurve(task: Hierarchy, block: LearningCurveScope.() -> Unit): LearningCurveResult =
    declareCurve(task, block).run()

/**
 * P* of [task] found by a search in log P instead of a grid ([LearningCurve.findSampleComplexity]): the same
 * block as [learningCurve] without `sizes`, plus the search settings:
 * ```
 * val found = findSampleComplexity(task) {
 *     model = cnn { width = 128 }
 *     train { sgd(lr = 0.1, momentum = 0.9); batch = 128; maxEpochs = 150 }
 *     seeds = 2
 *     tolerance = 0.15                       // stop when hi/lo − 1 ≤ 0.15
 * }
 * found.pStar(); found.curve()               // learningCurveFigure(found.curve()) shows the searched points
 * ```
 */
fun findSampleComplexity(task: Hierarchy, block: SampleComplexitySearchScope.() -> Unit): SampleComplexitySearchResult {
    val curve = LearningCurve.of(task)   // with the host's CurveHooks applied: the block may override them
    val scope = SampleComplexitySearchScope(curve)
    scope.block()
    return curve.findSampleComplexity(scope.search)
}

/** Receiver of `findSampleComplexity(task) { }`: the curve's settings and the search's. */
@RhmDsl
class SampleComplexitySearchScope internal constructor(curve: LearningCurve) {
    private val curveScope = LearningCurveScope(curve)
    internal var search: SampleComplexitySearch = SampleComplexitySearch.defaults()

    /** The curve's settings (model, training, seeds, store, …) as in `learningCurve { }`. */
    fun curve(block: LearningCurveScope.() -> Unit) = curveScope.block()

    var model: Architecture by WriteThrough { curveScope.model = it }
    var training: Training by WriteThrough { curveScope.training = it }
    var seeds: Int by WriteThrough { curveScope.seeds = it }
    var testSize: Int by WriteThrough { curveScope.testSize = it }
    var ensemble: Int by WriteThrough { curveScope.ensemble = it }
    var store: Path by WriteThrough { curveScope.store = it }
    var device: DeviceChoice by WriteThrough { curveScope.device = it }
    var progress: Boolean by WriteThrough { curveScope.progress = it }
    var learner: Learner by WriteThrough { curveScope.learner = it }

    /** `train { sgd(lr = 0.1, momentum = 0.9); batch = 128; maxEpochs = 300 }`. */
    fun train(block: TrainingScope.() -> Unit) = curveScope.train(block)

    fun store(file: String) = curveScope.store(file)

    fun fixedRules() = curveScope.fixedRules()

    /** Stop when the bracket [lo, hi] around P* has hi/lo − 1 ≤ tolerance, in (0, 1); default 0.15. */
    var tolerance: Double by SearchSetting(SampleComplexitySearch::tolerance, SampleComplexitySearch::withTolerance)

    /**
     * Seeds trained at a P tried before the crossing is bracketed (default 1; 0 = every seed). The bracket's ends and
     * every point inside it are trained with every seed, so P* is still read from the median over all of them.
     */
    var pilotSeeds: Int by SearchSetting(SampleComplexitySearch::pilotSeeds, SampleComplexitySearch::withPilotSeeds)

    /** The test error that defines P* (default 0.10). */
    var threshold: Double by SearchSetting(SampleComplexitySearch::threshold, SampleComplexitySearch::withThreshold)

    /** Read the final (default) or the best test error. */
    var metric: ErrorMetric by SearchSetting(SampleComplexitySearch::metric, SampleComplexitySearch::withMetric)

    /** Rounds of training at most (default 10). */
    var maxRounds: Int by SearchSetting(SampleComplexitySearch::maxRounds, SampleComplexitySearch::withMaxRounds)

    /** The search stays within [scale / maxMultiple, scale · maxMultiple] of the theory scale (default 64). */
    var maxMultiple: Double by SearchSetting(SampleComplexitySearch::maxMultiple, SampleComplexitySearch::withMaxMultiple)
}

/** A property of [SampleComplexitySearchScope] that reads the search's setting and writes it through its wither. */
private class SearchSetting<T>(
    private val read: (SampleComplexitySearch) -> T,
    private val with: (SampleComplexitySearch, T) -> SampleComplexitySearch,
) : ReadWriteProperty<SampleComplexitySearchScope, T> {
    override fun getValue(thisRef: SampleComplexitySearchScope, property: KProperty<*>): T = read(thisRef.search)

    override fun setValue(thisRef: SampleComplexitySearchScope, property: KProperty<*>, value: T) {
        thisRef.search = with(thisRef.search, value)
    }
}

/** The same declaration, not run: for [LearningCurve.spec] or [LearningCurve.pending]. */
fun declareCurve(task: Hierarchy, block: LearningCurveScope.() -> Unit): LearningCurve {
    val curve = LearningCurve.of(task)   // with the host's CurveHooks applied (notebook progress display): the block may override
    LearningCurveScope(curve).block()
    return curve
}

/**
 * A named reproduction of the papers (`reproduce("rhm-cnn-collapse")`; names: [reproductions]), run through the
 * store at [store] (default ./rhmlab-runs.sqlite): a second call is served from it. Returns the report (a table
 * of measured values next to the papers'); `quick = true` runs the reduced grid.
 */
fun reproduce(name: String, store: Path = Path.of(io.rhmlab.engine.store.RunStore.DEFAULT_FILE), quick: Boolean = false,
              progress: Boolean = true): io.rhmlab.engine.science.ReproductionReport =
    io.rhmlab.engine.store.RunStore.open(store).use { s ->
        io.rhmlab.engine.science.Reproductions.run(name,
            io.rhmlab.engine.science.ReproductionContext(s, io.rhmlab.engine.train.TrainerSettings.defaults(), null, progress, quick))
    }

/** The names and titles of the reproductions. */
fun reproductions(): Map<String, String> =
    io.rhmlab.engine.science.Reproductions.all().associate { it.name() to it.title() }

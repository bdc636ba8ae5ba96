package io.rhmlab.kernel.plot

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.net.Kind
import io.rhmlab.engine.curve.ErrorMetric
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.curve.PStar
import io.rhmlab.engine.curve.SampleComplexity
import io.rhmlab.engine.observe.SensitivityTable
import io.rhmlab.engine.train.Checkpoint
import io.rhmlab.engine.train.Status
import java.util.SortedMap
import java.util.TreeMap

/** Which theory scale a figure divides P by, or draws as a guide (docs/science.md §2.E, §3.E). */
enum class Scale(val symbol: String) {
    /** n_c·m^L on the dense RHM; on the Sparse RHM, [LCN] for LCNs and FCNs and [CNN] for CNNs. */
    AUTO("auto"),
    /** n_c·m^L, a deep CNN's P* on the dense RHM. */
    RHM("n_c·m^L"),
    /** (s0+1)^L·n_c·m^L, a locally connected network on the Sparse RHM. */
    LCN("(s0+1)^L·n_c·m^L"),
    /** (s0+1)²·n_c·m^L, a weight-sharing CNN on the Sparse RHM. */
    CNN("(s0+1)²·n_c·m^L"),
    /** P_max, the number of distinct data (shallow and fully connected learners). */
    P_MAX("P_max");

    /** The concrete scale for a task and network ([AUTO] resolved). */
    fun resolve(h: Hierarchy, a: Architecture?): Scale = when {
        this != AUTO -> this
        !h.isSparse -> RHM
        a != null && a.kind() == Kind.CNN -> CNN
        else -> LCN
    }

    /** Its value for task [h] trained with [a]. */
    fun of(h: Hierarchy, a: Architecture?): Double = when (resolve(h, a)) {
        RHM -> h.sampleComplexityScale().toDouble()
        LCN -> h.lcnScale().toDouble()
        CNN -> h.cnnScale().toDouble()
        P_MAX -> h.maxSamples().toDouble()
        AUTO -> error("unreachable")
    }
}

/** One trained member of a curve: P, realisation, final test error and its history. */
data class CurvePoint @JvmOverloads constructor(
    val trainSize: Long,
    val seed: Int,
    val testError: Double,
    val history: List<Checkpoint> = emptyList(),
)

/**
 * A learning curve as the figures see it: any source (a [LearningCurveResult], stored runs, a learner without
 * SGD such as the one-step clustering algorithm) reduced to points (P, seed, ε).
 */
class CurveData @JvmOverloads constructor(
    val label: String,
    val hierarchy: Hierarchy,
    val architecture: Architecture?,
    points: List<CurvePoint>,
    val threshold: Double = SampleComplexity.DEFAULT_THRESHOLD,
    /**
     * What a reader must know about the members, shown under the curve: e.g. "1 DIVERGED left out; 2 of 8 stopped
     * at the epoch cap"; empty when every member reached the loss threshold.
     */
    val note: String = "",
) {
    val points: List<CurvePoint> = points.filter { !it.testError.isNaN() }.sortedWith(compareBy({ it.seed }, { it.trainSize }))

    /** P ↦ median test error over realisations. */
    fun median(): SortedMap<Long, Double> {
        val out = TreeMap<Long, Double>()
        points.groupBy { it.trainSize }.forEach { (p, ms) -> out[p] = medianOf(ms.map { it.testError }) }
        return out
    }

    fun seeds(): List<Int> = points.map { it.seed }.distinct().sorted()

    /**
     * P* per realisation and their median, with an interval that says what it is (docs/science.md §9.6): from
     * [PStarReading.MIN_BOOTSTRAP] realisations on, the 95 % percentile bootstrap of the median; below that a
     * bootstrap of 2–4 values is only their range in disguise, so the interval is the min–max range and is labelled
     * so. Also lists where the median curve goes back above the threshold after its first crossing.
     */
    fun pStar(): PStarReading {
        val perSeed = seeds().map { s ->
            val curve = TreeMap<Long, Double>()
            points.filter { it.seed == s }.forEach { curve[it.trainSize] = it.testError }
            SampleComplexity.crossing(curve, threshold)
        }
        val median = SampleComplexity.median(perSeed)
        val keys = perSeed.mapNotNull { sortKey(it) }
        val recross = recrossings(median())
        val seedsRecrossing = seeds().count { s -> recrossings(TreeMap(points.filter { it.seed == s }.associate { it.trainSize to it.testError })).isNotEmpty() }
        if (keys.size < PStarReading.MIN_BOOTSTRAP) {
            return PStarReading(median, keys.minOrNull() ?: Double.NaN, keys.maxOrNull() ?: Double.NaN, perSeed,
                PStarReading.Interval.RANGE, keys.size, recross, seedsRecrossing)
        }
        val interval = SampleComplexity.bootstrap(perSeed, 0.95)
        return PStarReading(median, interval.lower(), interval.upper(), perSeed, PStarReading.Interval.BOOTSTRAP_95,
            keys.size, recross, seedsRecrossing)
    }

    /** The P (in increasing order) where [curve] is above the threshold again after having reached it. */
    private fun recrossings(curve: SortedMap<Long, Double>): List<Long> {
        var reached = false
        val out = ArrayList<Long>()
        for ((p, e) in curve) {
            if (e.isNaN()) continue
            if (e <= threshold) reached = true else if (reached) out += p
        }
        return out
    }

    /** The order of P* over realisations: below the range = 0, beyond = ∞, no data = left out. */
    private fun sortKey(p: PStar): Double? = when (p.outcome()) {
        PStar.Outcome.CROSSED -> p.samples()
        PStar.Outcome.BELOW_AT_SMALLEST -> 0.0
        PStar.Outcome.NOT_REACHED -> Double.POSITIVE_INFINITY
        else -> null
    }

    fun scale(scale: Scale = Scale.AUTO): Double = scale.of(hierarchy, architecture)

    /** The same points with another label (legends). */
    fun withLabel(label: String) = CurveData(label, hierarchy, architecture, points, threshold, note)

    override fun toString() = "CurveData($label, ${points.size} points)"

    companion object {
        /** The points of a measured learning curve (failed and diverged members left out, and counted). */
        @JvmStatic
        @JvmOverloads
        fun of(result: LearningCurveResult, label: String? = null, metric: ErrorMetric = ErrorMetric.FINAL): CurveData =
            CurveData(
                label ?: result.spec().architecture().label(),
                result.spec().hierarchy(),
                result.spec().architecture(),
                result.members().filter { !it.excluded() }.map { CurvePoint(it.trainSize(), it.seed(), metric.of(it.result()), it.result().history()) },
                note = note(result.exclusionSummary(), result.members().count { it.status() == Status.MAX_EPOCHS }, result.members().size),
            )

        /** "1 DIVERGED left out; 2 of 8 stopped at the epoch cap", the parts that apply. */
        @JvmStatic
        fun note(excluded: String, capped: Int, members: Int): String = listOfNotNull(
            excluded.takeIf { it.isNotEmpty() }?.let { "$it left out" },
            if (capped > 0) "$capped of $members stopped at the epoch cap" else null,
        ).joinToString("; ")

        /** The median, NaN entries left out (NaN when none is left). */
        @JvmStatic
        fun medianOf(xs: List<Double>): Double {
            val s = xs.filter { !it.isNaN() }.sorted()
            if (s.isEmpty()) return Double.NaN
            return if (s.size % 2 == 1) s[s.size / 2] else (s[s.size / 2 - 1] + s[s.size / 2]) / 2
        }
    }
}

/**
 * P* of a curve: the median over realisations with an interval [lower, upper] (0 / ∞ bounds = outside the measured
 * range) of the kind [interval], over [realisations] realisations; [recrossings] are the P where the median curve
 * is back above the threshold after its first crossing (P* is that first crossing), [seedsRecrossing] how many
 * realisations do so on their own.
 */
data class PStarReading @JvmOverloads constructor(
    val median: PStar,
    val lower: Double,
    val upper: Double,
    val perSeed: List<PStar>,
    val interval: Interval = Interval.BOOTSTRAP_95,
    val realisations: Int = perSeed.size,
    val recrossings: List<Long> = emptyList(),
    val seedsRecrossing: Int = 0,
) {
    val crossed: Boolean get() = median.outcome() == PStar.Outcome.CROSSED
    val value: Double get() = median.samples()

    /** Whether the median curve crosses the threshold more than once (it rises above it again). */
    val nonMonotone: Boolean get() = recrossings.isNotEmpty()

    /** What the interval is, for legends: "min–max over 2 realisations", "95 % bootstrap over 8 realisations". */
    fun intervalLabel(): String = when {
        realisations <= 1 -> "one realisation: no interval"
        interval == Interval.RANGE -> "min–max over $realisations realisations"
        else -> "95 % bootstrap over $realisations realisations"
    }

    enum class Interval { RANGE, BOOTSTRAP_95 }

    companion object {
        /** Realisations needed before a bootstrap interval is drawn instead of the min–max range. */
        const val MIN_BOOTSTRAP = 5
    }
}

/** One sensitivity value: realisation [seed] trained on P samples, representation k = [layer], level ℓ = [level]. */
data class SensitivityPoint(val trainSize: Long, val seed: Int, val kind: String, val layer: Int, val level: Int, val value: Double)

/**
 * Sensitivities along a learning curve: S_{k,ℓ} (kind "S") and D_{k,ℓ} (kind "D") at every P, with the test
 * error of the same networks. Layers k = 1..L are hidden, k = L + 1 is the output.
 */
class SensitivityCurve @JvmOverloads constructor(
    val label: String,
    val hierarchy: Hierarchy,
    val architecture: Architecture?,
    val points: List<SensitivityPoint>,
    /** P ↦ test error (median over realisations) of the measured networks. */
    val testError: SortedMap<Long, Double> = TreeMap(),
) {
    val layers: Int get() = points.maxOfOrNull { it.layer } ?: 0
    val levels: Int get() = points.maxOfOrNull { it.level } ?: 0

    /** P ↦ median over realisations of kind/k/ℓ. */
    fun median(kind: String, layer: Int, level: Int): SortedMap<Long, Double> {
        val out = TreeMap<Long, Double>()
        points.filter { it.kind == kind && it.layer == layer && it.level == level }.groupBy { it.trainSize }
            .forEach { (p, v) -> out[p] = CurveData.medianOf(v.map { it.value }) }
        return out
    }

    companion object {
        /**
         * From tables measured on the trained networks of each P (member i of a table = realisation i + 1):
         * `SensitivityCurve.of(task, arch, synonyms = mapOf(256L to table, ...), testError = curve.medianTestError())`.
         */
        @JvmStatic
        @JvmOverloads
        fun of(
            hierarchy: Hierarchy,
            architecture: Architecture?,
            synonyms: Map<Long, SensitivityTable>,
            deformations: Map<Long, SensitivityTable> = emptyMap(),
            testError: Map<Long, Double> = emptyMap(),
            label: String = architecture?.label() ?: "",
        ): SensitivityCurve {
            val pts = ArrayList<SensitivityPoint>()
            fun add(kind: String, tables: Map<Long, SensitivityTable>) = tables.forEach { (p, t) ->
                for (m in 0 until t.members()) for (k in 1..t.layers()) for (l in 1..t.levels())
                    pts += SensitivityPoint(p, m + 1, kind, k, l, t.value(m, k, l))
            }
            add("S", synonyms)
            add("D", deformations)
            return SensitivityCurve(label, hierarchy, architecture, pts, TreeMap(testError))
        }

        /** The sensitivities measured along a learning curve (`measure { synonymSensitivity(); diffeoSensitivity() }`). */
        @JvmStatic
        @JvmOverloads
        fun of(result: LearningCurveResult, label: String = result.spec().architecture().label(), metric: ErrorMetric = ErrorMetric.FINAL): SensitivityCurve {
            val pts = result.members().filter { !it.excluded() }.flatMap { m -> points(m.trainSize(), m.seed(), m.measurements()) }
            return SensitivityCurve(label, result.spec().hierarchy(), result.spec().architecture(), pts, TreeMap(result.medianTestError(metric)))
        }

        /** The points of one trained network's stored tables (kind S: synonyms, D: deformations, G: Gaussian noise, ℓ = 1). */
        @JvmStatic
        fun points(trainSize: Long, seed: Int, tables: Map<Observable, Array<DoubleArray>>): List<SensitivityPoint> {
            val out = ArrayList<SensitivityPoint>()
            for ((name, kind) in KINDS) {
                val t = tables[name] ?: continue
                for (k in t.indices) for (l in t[k].indices) if (!t[k][l].isNaN()) out += SensitivityPoint(trainSize, seed, kind, k + 1, l + 1, t[k][l])
            }
            return out
        }

        private val KINDS = Observable.values().map { it to it.symbol() }
    }
}

@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.engine.curve.LearningCurveResult
import java.util.SortedMap
import java.util.TreeMap
import org.jetbrains.letsPlot.facet.facetWrap
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.geom.geomVLine
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleLinetypeManual
import org.jetbrains.letsPlot.scale.scaleYContinuous
import org.jetbrains.letsPlot.tooltips.layerTooltips
import org.jetbrains.letsPlot.tooltips.tooltipsNone
import kotlin.math.max
import kotlin.math.min

// Sensitivities S_{k,ℓ}, D_{k,ℓ}, G_k against P, with the test error.

/** Line type per observable: S solid, D dashed, G dot-dashed, the test error (ε) dotted. */
private val LINETYPES = linkedMapOf(Observable.SYNONYMS.symbol() to 1, Observable.DEFORMATIONS.symbol() to 2, Observable.NOISE.symbol() to 4, "ε" to 3)

/** One measured value of one member: the rows of the per-seed points of the sensitivity figures. */
private data class Measured(val trainSize: Long, val seed: Int, val observable: Observable, val layer: Int, val level: Int, val value: Double) {
    val kind: String get() = observable.symbol()
}

/** Every measured value of the curve's members (failed and diverged ones left out, as in every reading). */
private val LearningCurveResult.measuredPoints: List<Measured>
    get() = members().filter { !it.excluded() }.flatMap { m ->
        m.measurements().entries.sortedBy { it.key }.flatMap { (o, t) ->
            t.indices.flatMap { k -> t[k].indices.filter { l -> !t[k][l].isNaN() }.map { l -> Measured(m.trainSize(), m.seed(), o, k + 1, l + 1, t[k][l]) } }
        }
    }

/** The observables measured, in their order (S, D, G). */
private fun LearningCurveResult.observables(): List<Observable> = measuredPoints.map { it.observable }.distinct().sorted()

/** P ↦ median over realisations of the observable at (k, ℓ), where measured. */
private fun LearningCurveResult.median(o: Observable, layer: Int, level: Int): SortedMap<Long, Double> =
    TreeMap(medianObservable(o, layer, level).filterValues { !it.isNaN() })

/** The P range of a sensitivity curve with a margin, widened to a guide [g] within a factor 4 of the data. */
private fun LearningCurveResult.sensitivityRange(g: Double): Pair<Double, Double> {
    val ps = measuredPoints.map { it.trainSize.toDouble() } + medianTestErrorOfMeasured().keys.map { it.toDouble() }
    val lo = ps.minOrNull() ?: g
    val hi = ps.maxOrNull() ?: g
    return Pair(min(lo, if (g >= lo / 4) g else lo) / 1.5, max(hi, if (g <= hi * 4) g else hi) * 1.5)
}

/**
 * S_{k,ℓ} (solid) and D_{k,ℓ} (dashed) against P, one panel per representation k (hidden layers, then the output),
 * one colour per level ℓ, the test error overlaid in black, the theory scale as a vertical guide.
 */
@JvmOverloads
fun sensitivityFigure(curve: LearningCurveResult, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    val measured = curve.measuredPoints
    require(measured.isNotEmpty()) { "no member of ${curve.label} carries sensitivities (measure { ... })" }
    val L = measured.maxOf { it.layer }
    val levels = (1..measured.maxOf { it.level }).toList()
    fun panel(k: Int) = if (k == L) "k = $k (output)" else "k = $k"
    val series = levels.map { "ℓ = $it" } + "test error"
    // tooltips: the spread and seeds of each median, the epochs and stops of the members at its P
    val byPoint = measured.groupBy { Triple(it.observable, it.layer to it.level, it.trainSize) }
    val membersAt = curve.members().groupBy { it.trainSize() }
    val errorsAt = curve.points.groupBy { it.trainSize() }
    fun tips(p: Long, values: List<Double>, seeds: List<Int>) = mapOf("P text" to "$p", "spread" to spread(values),
        "seeds" to seeds.distinct().sorted().joinToString(", "), "epochs" to epochRange(membersAt[p].orEmpty().map { it.epochs() }),
        "stopped" to stops(membersAt[p].orEmpty()))
    val rows = ArrayList<Map<String, Any>>()
    for (o in curve.observables()) for (k in 1..L) for (l in levels) {
        val kind = o.symbol()
        curve.median(o, k, l).forEach { (p, v) ->
            val at = byPoint[Triple(o, k to l, p)].orEmpty()
            rows += mapOf("P" to p.toDouble(), "value" to v, "series" to "ℓ = $l", "kind" to kind, "panel" to panel(k), "grp" to "$kind$l",
                "name" to o.at(k, l), "value text" to fmt3(v)) + tips(p, at.map { it.value }, at.map { it.seed })
        }
    }
    for (k in 1..L) curve.medianTestErrorOfMeasured().forEach { (p, e) ->
        val at = errorsAt[p].orEmpty()
        rows += mapOf("P" to p.toDouble(), "value" to e, "series" to "test error", "kind" to "ε", "panel" to panel(k), "grp" to "err",
            "name" to "test error", "value text" to fmt3(e)) + tips(p, at.map { it.testError() }, at.map { it.seed() })
    }
    val data = listOf("P", "value", "series", "kind", "panel", "grp", "name", "value text", "P text", "spread", "seeds", "epochs", "stopped")
        .associateWith { c -> rows.map { it[c] } }
    val perSeed = measured.map { mapOf("P" to it.trainSize.toDouble(), "value" to it.value, "series" to "ℓ = ${it.level}", "panel" to panel(it.layer), "kind" to it.kind,
        "name" to it.observable.at(it.layer, it.level), "value text" to fmt3(it.value), "P text" to "${it.trainSize}", "seed" to it.seed) }
    val seedData = listOf("P", "value", "series", "panel", "kind", "name", "value text", "P text", "seed").associateWith { c -> perSeed.map { it[c] } }
    val g = scale.of(curve.hierarchy, curve.architecture)
    val sym = scale.resolve(curve.hierarchy, curve.architecture).symbol
    val kinds = curve.observables().map { it.symbol() }
    val what = curve.observables().joinToString(" and ") {
        when (it!!) {
            Observable.SYNONYMS -> "S_{k,ℓ} (synonyms, solid)"
            Observable.DEFORMATIONS -> "D_{k,ℓ} (deformations, dashed)"
            Observable.NOISE -> "G_k (Gaussian noise, dot-dashed)"
        }
    }
    var p = base() +
        geomVLine(xintercept = g, color = "#2b6cb0", linetype = "longdash", size = 0.6, tooltips = tooltipsNone) +
        geomPoint(data = seedData, alpha = 0.25, size = 1.6, shape = 16,
            tooltips = layerTooltips().title("@name").line("P|@{P text}").line("value|@{value text}").line("seed|@seed")) { x = "P"; y = "value"; color = "series" } +
        geomLine(data = data, size = 1.1, tooltips = tooltipsNone) { x = "P"; y = "value"; color = "series"; linetype = "kind"; group = "grp" } +
        geomPoint(data = data, size = 2.0, tooltips = layerTooltips().title("@name").line("P|@{P text}").line("median|@{value text}")
            .line("spread|@spread").line("seeds|@seeds").line("epochs|@epochs").line("stopped|@stopped")) { x = "P"; y = "value"; color = "series" } +
        facetWrap(facets = "panel", ncol = L, order = 1) +
        logX("P (training-set size)   ·   dashed blue: $sym = ${fmt(g)}", curve.sensitivityRange(g).first, curve.sensitivityRange(g).second) +
        scaleYContinuous(name = "sensitivity  /  test error") +
        scaleColorManual(values = levels.indices.map { PALETTE[(it + 1) % PALETTE.size] } + "#000000", limits = series, name = "") +
        scaleLinetypeManual(values = LINETYPES.filterKeys { it in kinds || it == "ε" }.values.toList(),
            limits = LINETYPES.keys.filter { it in kinds || it == "ε" }, name = "") +
        labs(title = title ?: "Sensitivities vs P · ${curve.hierarchy.name()} · ${curve.label}",
            subtitle = "$what; per representation k and perturbation level ℓ; medians over seeds")
    return Figure(p, "sensitivity", max(FIGURE_WIDTH, 300 * L), FIGURE_HEIGHT, "sensitivities vs P per layer and level for ${curve.label}")
}

/** The key quantities of the papers on one panel: S_{2,1}, D_{2,1} (when measured) and the test error vs P. */
@JvmOverloads
fun keySensitivityFigure(curve: LearningCurveResult, scale: Scale = Scale.AUTO, layer: Int = 2, level: Int = 1, title: String? = null): Figure {
    // a network with fewer representations than asked shows its last one (its output)
    @Suppress("NAME_SHADOWING") val layer = min(layer, curve.measuredPoints.maxOfOrNull { it.layer } ?: layer)
    val rows = ArrayList<Triple<Double, Double, String>>()
    for (o in curve.observables()) curve.median(o, layer, level).forEach { (p, v) -> rows += Triple(p.toDouble(), v, o.at(layer, level)) }
    curve.medianTestErrorOfMeasured().forEach { (p, e) -> rows += Triple(p.toDouble(), e, "test error ε") }
    val names = rows.map { it.third }.distinct()
    val data = mapOf("P" to rows.map { it.first }, "value" to rows.map { it.second }, "series" to rows.map { it.third })
    val g = scale.of(curve.hierarchy, curve.architecture)
    val sym = scale.resolve(curve.hierarchy, curve.architecture).symbol
    val p = base() +
        geomVLine(xintercept = g, color = "#2b6cb0", linetype = "longdash", size = 0.7, tooltips = tooltipsNone) +
        geomText(data = mapOf("x" to listOf(g * 1.06), "y" to listOf(0.03), "t" to listOf("$sym = ${fmt(g)}")), hjust = 0, size = 5, color = "#2b6cb0") { x = "x"; y = "y"; label = "t" } +
        geomLine(data = data, size = 1.3) { x = "P"; y = "value"; color = "series" } +
        geomPoint(data = data, size = 3.0) { x = "P"; y = "value"; color = "series" } +
        logX("P (training-set size)", curve.sensitivityRange(g).first, curve.sensitivityRange(g).second) + scaleYContinuous(name = "value", limits = Pair(0.0, null)) +
        scaleColorManual(values = names.map { if (it.startsWith("test")) "#000000" else if (it.startsWith(Observable.SYNONYMS.symbol())) PALETTE[1] else if (it.startsWith(Observable.DEFORMATIONS.symbol())) PALETTE[2] else PALETTE[3] }, limits = names, name = "") +
        labs(title = title ?: "Invariance arrives with the task · ${curve.label}",
            subtitle = "${names.joinToString(", ")} vs P · ${curve.hierarchy.name()}")
    return Figure(p, "sensitivity-key", FIGURE_WIDTH, FIGURE_HEIGHT, "${names.joinToString()} vs P for ${curve.label}")
}

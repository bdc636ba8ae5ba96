@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import io.rhmlab.engine.curve.CurveMember
import io.rhmlab.engine.curve.LearningCurveResult
import java.util.SortedMap
import java.util.TreeMap

// How the figures read the engine's curve (LearningCurveResult): every number comes from it, none is recomputed here.

internal val LearningCurveResult.hierarchy get() = spec().hierarchy()
internal val LearningCurveResult.architecture get() = spec().architecture()
internal val LearningCurveResult.label get() = label()
internal val LearningCurveResult.note get() = note()
/** The test-error level of P* and of the dotted line: the curve's own criterion, so a figure shows what was asked for. */
internal val LearningCurveResult.threshold get() = criterion().threshold()
/** The members that measured something, in (seed, P) order. */
internal val LearningCurveResult.points: List<CurveMember>
    get() = members().filter { !it.excluded() && !it.testError().isNaN() }.sortedWith(compareBy({ it.seed() }, { it.trainSize() }))
/** P ↦ median test error, where some member has one. */
internal fun LearningCurveResult.median(): SortedMap<Long, Double> = TreeMap(medianTestError(criterion().metric()).filterValues { !it.isNaN() })
/** The median at the P every realisation has: the line. The others (a search's pilots) are drawn apart, as what they are. */
internal fun LearningCurveResult.completeMedian(): SortedMap<Long, Double> = incompleteSizes().let { fewer -> TreeMap(median().filterKeys { it !in fewer }) }
internal fun LearningCurveResult.partialMedian(): SortedMap<Long, Double> = incompleteSizes().let { fewer -> TreeMap(median().filterKeys { it in fewer }) }

/** One threshold per figure: curves read at different ε cannot share a dotted line and a legend. */
internal fun sameThreshold(curves: List<LearningCurveResult>) {
    val levels = curves.map { it.threshold }.distinct()
    require(levels.size == 1) { "curves read P* at different thresholds (${levels.joinToString(", ")}): draw them in separate figures" }
}

/** What tells the tasks of curves apart in a legend: the family ("RHM", "SRHM-A"), then v, n_c, m, s, L (and s0). */
private fun LearningCurveResult.taskParameters(): Map<String, Any> = mapOf("family" to hierarchy.family()) + hierarchy.parameters()

/**
 * One legend label per curve, distinct for every hierarchy × network: a network label shared by curves of
 * different tasks gets the task parameters that tell them apart ("LCN(H=128) · v=6"); curves still alike are
 * numbered. Every figure draws one line and one legend entry per label, so no two curves merge into one line.
 */
fun seriesLabels(curves: List<LearningCurveResult>): List<String> {
    val out = curves.map { it.label }.toMutableList()
    for ((label, idx) in curves.indices.groupBy { curves[it].label }) {
        if (idx.size < 2) continue
        val ps = idx.map { curves[it].taskParameters() }
        val differing = ps.flatMap { it.keys }.distinct().filter { k -> ps.map { it[k] }.distinct().size > 1 }
        for ((j, i) in idx.withIndex()) {
            val what = differing.joinToString(", ") { k -> if (k == "family") "${ps[j][k]}" else "$k=${ps[j][k]}" }
            out[i] = if (what.isEmpty()) label else "$label · $what"
        }
    }
    for ((_, idx) in out.indices.groupBy { out[it] }) if (idx.size > 1) idx.forEachIndexed { n, i -> out[i] = "${out[i]} #${n + 1}" }
    return out
}

/** The curves relabelled by [seriesLabels]. */
internal fun withSeriesLabels(curves: List<LearningCurveResult>): List<LearningCurveResult> =
    curves.zip(seriesLabels(curves)).map { (c, l) -> if (c.label == l) c else c.withLabel(l) }

/** The curves of one figure: at least one, read at one threshold ([sameThreshold]), relabelled by [seriesLabels]. */
internal fun figureCurves(curves: List<LearningCurveResult>): List<LearningCurveResult> {
    require(curves.isNotEmpty()) { "no curve to plot" }
    sameThreshold(curves)
    return withSeriesLabels(curves)
}

@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import io.rhmlab.engine.curve.CurveMember
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.train.Status
import org.jetbrains.letsPlot.tooltips.layerTooltips

// What hovering a point shows in a notebook, where lets-plot's JavaScript draws the figure (Figure.toInteractiveHtml).
// The static SVG and PNG ignore tooltips. The text is formatted here, once, from the curve's own numbers.

/** How a member stopped, in words. */
internal fun stopWord(s: Status): String = when (s) {
    Status.CONVERGED -> "converged"
    Status.MAX_EPOCHS -> "epoch cap"
    Status.DIVERGED -> "diverged"
    Status.FAILED -> "failed"
}

/** "3 converged, 1 epoch cap": the members at one P by how they stopped, failed and diverged ones included. */
internal fun stops(ms: List<CurveMember>): String =
    ms.groupingBy { it.status() }.eachCount().toSortedMap().entries.joinToString(", ") { (s, n) -> "$n ${stopWord(s)}" }

/** "0.105–0.180 (min–max)", or the one value. */
internal fun spread(values: List<Double>): String {
    val v = values.filter { !it.isNaN() }
    return when {
        v.isEmpty() -> "–"
        v.size == 1 -> "one realisation"
        else -> "${fmt3(v.min())}–${fmt3(v.max())} (min–max of ${v.size})"
    }
}

/** "34–120", or "57" when all agree. */
internal fun epochRange(xs: List<Int>): String = if (xs.isEmpty()) "–" else if (xs.min() == xs.max()) "${xs.min()}" else "${xs.min()}–${xs.max()}"

/** One member per point: its curve, P, test error, seed, epochs and how it stopped. */
internal val memberTooltips: layerTooltips
    get() = layerTooltips().title("@curve").line("P|@{P text}").line("test error|@{error text}").line("seed|@seed")
        .line("epochs|@epochs").line("stopped|@stopped")

/** A median over realisations: P, the median and its spread, the seeds, epochs and how the members stopped. */
internal val medianTooltips: layerTooltips
    get() = layerTooltips().title("@curve").line("P|@{P text}").line("median test error|@{error text}").line("spread|@spread")
        .line("seeds|@seeds").line("epochs|@epochs").line("stopped|@stopped")

/** The tooltip columns of the median points of [c] at the sizes [ps] (all members at each P, excluded ones too). */
internal fun medianTooltipData(c: LearningCurveResult, ps: Collection<Long>, median: Map<Long, Double>): Map<String, List<Any>> {
    val at = c.members().groupBy { it.trainSize() }
    val measured = c.points.groupBy { it.trainSize() }
    return mapOf(
        "P text" to ps.map { "$it" },
        "error text" to ps.map { fmt3(median[it] ?: Double.NaN) },
        "spread" to ps.map { p -> spread(measured[p].orEmpty().map { it.testError() }) },
        "seeds" to ps.map { p -> measured[p].orEmpty().map { it.seed() }.distinct().sorted().joinToString(", ") },
        "epochs" to ps.map { p -> epochRange(at[p].orEmpty().map { it.epochs() }) },
        "stopped" to ps.map { p -> stops(at[p].orEmpty()) },
    )
}

/** Columns of several curves' median points, concatenated in curve order. */
internal fun concat(parts: List<Map<String, List<Any>>>): Map<String, List<Any>> =
    parts.flatMap { it.keys }.distinct().associateWith { k -> parts.flatMap { it[k].orEmpty() } }


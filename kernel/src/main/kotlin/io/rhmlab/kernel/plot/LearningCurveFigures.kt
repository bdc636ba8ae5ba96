@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import io.rhmlab.engine.curve.LearningCurveResult
import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomSegment
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.geom.geomVLine
import org.jetbrains.letsPlot.intern.Feature
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.scale.scaleYContinuous
import org.jetbrains.letsPlot.tooltips.layerTooltips
import org.jetbrains.letsPlot.tooltips.tooltipsNone
import kotlin.math.log10
import kotlin.math.max
import kotlin.math.min

// Test error against P: the learning curves with their P*, and their collapse in the theory's units.

/** Test error vs P of one curve: per-seed points, median line, P* with its interval, chance level, scale guide. */
@JvmOverloads
fun learningCurveFigure(curve: LearningCurveResult, scale: Scale = Scale.AUTO): Figure =
    learningCurveFigure(listOf(curve), scale)

/** Several curves on one set of axes (e.g. CNN vs FCN on one task). */
@JvmName("learningCurvesFigure")
@JvmOverloads
fun learningCurveFigure(curves: List<LearningCurveResult>, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    @Suppress("NAME_SHADOWING") val curves = figureCurves(curves)
    val labels = curves.map { it.label }
    val all = curves.flatMap { it.points }
    val pMin = all.minOf { it.trainSize() }.toDouble()
    val pMax = all.maxOf { it.trainSize() }.toDouble()
    // the theory guide(s) within a factor 4 of the data widen the axis so that they and their labels show
    val near = curves.map { it.scale(scale) }.filter { it >= pMin / 4 && it <= pMax * 4 }
    val lo = min(pMin, near.minOrNull() ?: pMin) / 1.6
    val hi = max(pMax, near.maxOrNull() ?: pMax) * 1.6
    val chance = curves.map { 1.0 - 1.0 / it.hierarchy.classes() }.distinct()
    val yTop = (chance.maxOrNull() ?: 1.0) + 0.08

    val pts = mapOf(
        "P" to curves.flatMap { c -> c.points.map { it.trainSize().toDouble() } },
        "error" to curves.flatMap { c -> c.points.map { it.testError() } },
        "curve" to curves.flatMap { c -> c.points.map { c.label } },
        // tooltip columns
        "P text" to curves.flatMap { c -> c.points.map { "${it.trainSize()}" } },
        "error text" to curves.flatMap { c -> c.points.map { fmt3(it.testError()) } },
        "seed" to curves.flatMap { c -> c.points.map { it.seed() } },
        "epochs" to curves.flatMap { c -> c.points.map { it.epochs() } },
        "stopped" to curves.flatMap { c -> c.points.map { stopWord(it.status()) } },
    )
    val med = curves.map { c -> c to c.completeMedian() }
    val medData = mapOf(
        "P" to med.flatMap { (_, m) -> m.keys.map { it.toDouble() } },
        "error" to med.flatMap { (_, m) -> m.values.toList() },
        "curve" to med.flatMap { (c, m) -> m.keys.map { c.label } },
    ) + concat(med.map { (c, m) -> medianTooltipData(c, m.keys, m) })
    var p = base() +
        geomHLine(yintercept = curves.first().threshold, color = "#555555", linetype = "dotted", size = 0.6, tooltips = tooltipsNone) +
        geomPoint(data = pts, alpha = 0.45, size = 2.6, shape = 16, tooltips = memberTooltips) { x = "P"; y = "error"; color = "curve" } +
        geomLine(data = medData, size = 1.3, tooltips = tooltipsNone) { x = "P"; y = "error"; color = "curve" } +
        geomPoint(data = medData, size = 3.2, shape = 21, fill = "white", tooltips = medianTooltips) { x = "P"; y = "error"; color = "curve" }
    // P trained for some realisations only (a search's pilots, one seed's refinements): not on the median line
    val partial = curves.flatMap { c -> c.partialMedian().map { (p, e) -> Triple(p.toDouble(), e, c.label) } }
    if (partial.isNotEmpty()) {
        val tips = concat(curves.map { c -> c.partialMedian().let { m -> medianTooltipData(c, m.keys, m) } })
        p += geomPoint(data = mapOf("P" to partial.map { it.first }, "error" to partial.map { it.second }, "curve" to partial.map { it.third }) + tips,
            size = 3.2, shape = 22, fill = "white", stroke = 1.0, showLegend = false, tooltips = medianTooltips) { x = "P"; y = "error"; color = "curve" }
    }
    // right end: errors there are usually low, so the labels stay clear of the data
    chanceLines(curves, hi / 1.05)?.let { p += it }
    // the theory scale(s) as vertical guides, their labels in the band above the chance lines, one row each
    val guides = curves.map { Triple(it.scale(scale), scale.resolve(it.hierarchy, it.architecture).symbol, it) }.distinctBy { it.first }
        .filter { it.first in lo..hi }
    for ((row, guide) in guides.withIndex()) {
        val (g, sym, _) = guide
        // label on the side of the line with more room
        val right = log10(g / lo) < 0.65 * log10(hi / lo)
        p += geomVLine(xintercept = g, color = "#2b6cb0", linetype = "longdash", size = 0.7, tooltips = tooltipsNone)
        p += geomText(data = mapOf("x" to listOf(if (right) g * 1.06 else g / 1.06), "y" to listOf(yTop - 0.03 - 0.045 * row), "t" to listOf("$sym = ${fmt(g)}")),
            hjust = if (right) 0 else 1, size = 5, color = "#2b6cb0") { x = "x"; y = "y"; label = "t" }
    }
    // P* with its interval on the threshold line, only for the curves that cross; kept out of the legend so that
    // its keys show the curves, not a diamond that some of them do not have
    val readings = curves.map { it to it.sampleComplexity() }
    val marks = readings.filter { it.second.crossed() }
    val bars = marks.filter { it.second.realisations() > 1 }
    if (bars.isNotEmpty()) {
        val seg = mapOf(
            "x" to bars.map { (_, r) -> max(r.lower(), lo) }, "xend" to bars.map { (_, r) -> min(r.upper(), hi) },
            "y" to bars.map { (c, _) -> c.threshold }, "yend" to bars.map { (c, _) -> c.threshold },
            "curve" to bars.map { (c, _) -> c.label },
        )
        p += geomSegment(data = seg, size = 5.0, alpha = 0.4, showLegend = false, tooltips = tooltipsNone) { x = "x"; xend = "xend"; y = "y"; yend = "yend"; color = "curve" }
    }
    if (marks.isNotEmpty()) {
        val star = mapOf("P" to marks.map { it.second.value() }, "error" to marks.map { it.first.threshold }, "curve" to marks.map { it.first.label },
            "P* text" to marks.map { fmt(it.second.value()) },
            "interval" to marks.map { (_, r) -> r.intervalRange(::fmt) })
        p += geomPoint(data = star, shape = 23, size = 6.0, fill = "#ffd400", stroke = 1.4, showLegend = false,
            tooltips = layerTooltips().title("@curve").line("P*|@{P* text}").line("interval|@interval")) { x = "P"; y = "error"; color = "curve" }
    }
    // where a median curve climbs back above ε after crossing it: an open triangle on the curve
    val back = readings.flatMap { (c, r) -> r.recrossings().map { p -> Triple(p.toDouble(), c.median()[p]!!, c.label) } }
    if (back.isNotEmpty()) {
        p += geomPoint(data = mapOf("P" to back.map { it.first }, "error" to back.map { it.second }, "curve" to back.map { it.third }),
            shape = 24, size = 5.0, fill = "white", stroke = 1.4, showLegend = false) { x = "P"; y = "error"; color = "curve" }
    }
    val first = curves.first()
    val titleText = title ?: (first.hierarchy.name() + if (curves.size == 1) " · ${first.label}" else "")
    val bar = readings.map { it.second }.filter { it.crossed() }.map { it.intervalKind() }.filter { it.isNotEmpty() }.distinct().joinToString(" or ")
    val legend = "◆ P* at ${first.criterion()} (median of each realisation's P*)" + (if (bar.isEmpty()) "" else ", bar: $bar") +
        (if (back.isNotEmpty()) ", △ error back above ε" else "") +
        (if (partial.isNotEmpty()) ", □ median of fewer realisations (a search's pilots and single-seed points)" else "")
    val subtitle = wrap(curves.joinToString("\n") { (if (curves.size > 1) it.label + ": " else "") + pStarLine(it, scale) +
        (if (it.note.isEmpty()) "" else " · ${it.note}") } +
        "\n" + legend, FIGURE_WIDTH)
    p += logX("P (training-set size)", lo, hi) +
        scaleYContinuous(name = "test error", limits = Pair(0.0, yTop)) +
        colors(labels) +
        labs(title = titleText, subtitle = subtitle)
    return Figure(p, "learning-curve", FIGURE_WIDTH, FIGURE_HEIGHT, "test error vs P: $titleText; $subtitle")
}

/** Several tasks in rescaled units P / scale: the collapse of docs/science.md §2.E.2 (and §3.E for the SRHM scales). */
@JvmOverloads
fun collapseFigure(curves: List<LearningCurveResult>, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    @Suppress("NAME_SHADOWING") val curves = figureCurves(curves)
    val labels = curves.map { it.label }
    val sym = curves.map { scale.resolve(it.hierarchy, it.architecture).symbol }.distinct().joinToString(" or ")
    val pts = mapOf(
        "x" to curves.flatMap { c -> c.points.map { it.trainSize() / c.scale(scale) } },
        "error" to curves.flatMap { c -> c.points.map { it.testError() } },
        "curve" to curves.flatMap { c -> c.points.map { c.label } },
    )
    val med = mapOf(
        "x" to curves.flatMap { c -> c.completeMedian().keys.map { it / c.scale(scale) } },
        "error" to curves.flatMap { c -> c.completeMedian().values.toList() },
        "curve" to curves.flatMap { c -> c.completeMedian().keys.map { c.label } },
    )
    val chance = curves.map { 1.0 - 1.0 / it.hierarchy.classes() }.distinct()
    var p = base() +
        geomHLine(yintercept = curves.first().threshold, color = "#555555", linetype = "dotted", size = 0.6) +
        geomVLine(xintercept = 1.0, color = "#2b6cb0", linetype = "longdash", size = 0.7, tooltips = tooltipsNone) +
        geomPoint(data = pts, alpha = 0.4, size = 2.4, shape = 16) { x = "x"; y = "error"; color = "curve" } +
        geomLine(data = med, size = 1.3) { x = "x"; y = "error"; color = "curve" } +
        geomPoint(data = med, size = 3.0, shape = 21, fill = "white") { x = "x"; y = "error"; color = "curve" }
    val xs = curves.flatMap { c -> c.points.map { it.trainSize() / c.scale(scale) } } + 1.0
    val x0 = xs.minOf { it } / 1.4
    val x1 = xs.maxOf { it } * 1.4
    chanceLines(curves, x1 / 1.05)?.let { p += it }
    val readings = curves.map { it to it.sampleComplexity() }
    val marks = readings.filter { it.second.crossed() }
    if (marks.isNotEmpty()) {
        p += geomPoint(data = mapOf("x" to marks.map { (c, r) -> r.value() / c.scale(scale) }, "error" to marks.map { it.first.threshold },
            "curve" to marks.map { it.first.label }), shape = 23, size = 5.5, fill = "#ffd400", stroke = 1.3, showLegend = false) { x = "x"; y = "error"; color = "curve" }
    }
    val flagged = readings.filter { it.second.nonMonotone() }.map { it.first.label }
    val sub = wrap((if (marks.isEmpty()) "no curve crossed ε = ${fmt(curves.first().threshold)}"
    else "◆ P*/($sym) = " + marks.joinToString(if (marks.size > 3) "\n" else ", ") { (c, r) -> "${fmt(r.value() / c.scale(scale))} (${c.label})" }) +
        (if (marks.size < curves.size && marks.isNotEmpty()) "\nnot crossed: " + readings.filter { !it.second.crossed() }.joinToString(", ") { it.first.label } else "") +
        (if (flagged.isEmpty()) "" else "\nnon-monotone (error back above ε after crossing): " + flagged.joinToString(", ")), FIGURE_WIDTH)
    p += logX("P / $sym", x0, x1) + scaleYContinuous(name = "test error", limits = Pair(0.0, (chance.maxOrNull() ?: 1.0) + 0.08)) +
        colors(labels) + labs(title = title ?: "Collapse in units of $sym", subtitle = sub)
    return Figure(p, "collapse", FIGURE_WIDTH, FIGURE_HEIGHT, "test error vs P/($sym) for ${labels.joinToString()}; $sub")
}

/**
 * Dashed chance lines 1 − 1/n_c, each labelled with its n_c at the right end ([xRight]), below the line or, when
 * the next line is too close for text between them, above it; labels that would still overlap are merged.
 */
private fun chanceLines(curves: List<LearningCurveResult>, xRight: Double): Feature? {
    val byLevel = curves.map { it.hierarchy.classes() }.distinct().sortedDescending().map { 1.0 - 1.0 / it to it }
    if (byLevel.isEmpty()) return null
    var f: Feature = geomHLine(yintercept = byLevel.first().first, color = "#888888", linetype = "dashed", size = 0.7, tooltips = tooltipsNone)
    for ((y, _) in byLevel.drop(1)) f = f + geomHLine(yintercept = y, color = "#888888", linetype = "dashed", size = 0.7, tooltips = tooltipsNone)
    val gap = 0.05
    val placed = ArrayList<Pair<Double, String>>()
    val merged = ArrayList<Int>()   // the n_c whose label found no free place
    for ((i, pair) in byLevel.withIndex()) {
        val (y, nc) = pair
        val text = if (byLevel.size == 1) "chance 1 − 1/n_c" else "chance, n_c = $nc"
        val below = y - 0.035
        val above = y + 0.02
        val nextLine = byLevel.getOrNull(i + 1)?.first
        val prevLine = byLevel.getOrNull(i - 1)?.first
        fun free(at: Double) = placed.none { kotlin.math.abs(it.first - at) < 0.04 }
        when {
            (nextLine == null || below - nextLine > 0.025) && free(below) -> placed += below to text
            (prevLine == null || prevLine - above > 0.025) && free(above) -> placed += above to text
            else -> merged += nc
        }
    }
    if (merged.isNotEmpty()) {
        // too close to label one by one: a single label under the lowest line names them all
        placed.clear()
        placed += (byLevel.last().first - 0.035) to "chance 1 − 1/n_c, n_c = ${byLevel.map { it.second }.sorted().joinToString(", ")}"
    }
    f = f + geomText(data = mapOf("x" to placed.map { xRight }, "y" to placed.map { it.first }, "t" to placed.map { it.second }),
        hjust = 1, size = 5, color = "#666666") { x = "x"; y = "y"; label = "t" }
    return f
}

/**
 * The P* line of a subtitle, as the reading writes it with its interval in the theory scale the figure draws
 * ("P* = 1.2e3 [9.1e2, 1.6e3] (min–max over 2 realisations) = 2.3 n_c·m^L"), flagged when the median curve rises
 * above the threshold again after crossing it.
 */
private fun pStarLine(c: LearningCurveResult, scale: Scale): String {
    val r = c.sampleComplexity()
    return r.labelWithInterval(c.scale(scale), scale.resolve(c.hierarchy, c.architecture).symbol, ::fmt) + r.nonMonotoneNote()
}

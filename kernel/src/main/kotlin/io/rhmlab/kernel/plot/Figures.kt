@file:JvmName("Figures")

package io.rhmlab.kernel.plot

import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.engine.curve.CurveMember
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.curve.PStarReading
import io.rhmlab.engine.curve.SampleComplexity
import java.util.SortedMap
import java.util.TreeMap
import org.jetbrains.letsPlot.Stat
import org.jetbrains.letsPlot.coord.coordCartesian
import org.jetbrains.letsPlot.facet.facetWrap
import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomSegment
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.geom.geomVLine
import org.jetbrains.letsPlot.gggrid
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleLinetypeManual
import org.jetbrains.letsPlot.scale.scaleXLog10
import org.jetbrains.letsPlot.scale.scaleYContinuous
import org.jetbrains.letsPlot.scale.scaleYLog10
import org.jetbrains.letsPlot.themes.elementText
import org.jetbrains.letsPlot.themes.theme
import org.jetbrains.letsPlot.themes.themeBW
import org.jetbrains.letsPlot.tooltips.layerTooltips
import org.jetbrains.letsPlot.tooltips.tooltipsNone
import io.rhmlab.engine.train.Status
import kotlin.math.ln
import kotlin.math.log10
import kotlin.math.max
import kotlin.math.min
import kotlin.math.pow
import kotlin.math.sqrt

/*
 * The figures of the papers, as values ([Figure]): learning curves, their collapse in the theory's units,
 * sensitivities S_{k,ℓ} / D_{k,ℓ} against P with the test error, P* against the theory scale, and training
 * dynamics. Kotlin: `learningCurveFigure(curve)`; Java: `Figures.learningCurveFigure(curve)`.
 */

/** Colours for curves (colour-blind safe Tableau set). */
internal val PALETTE = listOf("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")

private const val W = 720
private const val H = 440

private fun fmt(x: Double): String = when {
    x.isNaN() -> "–"
    x.isInfinite() -> "∞"
    x >= 1e4 || (x < 1e-2 && x > 0) -> String.format("%.2e", x)
    x >= 100 -> String.format("%.0f", x)
    else -> String.format("%.3g", x)
}

/**
 * A log10 x axis showing exactly [lo, hi] with 1-2-5 (or 1-3, or decade) breaks. The range is set on the coordinate
 * system: lets-plot's log10 scale `limits` widen the drawn range well beyond the data (seen as an axis reaching a
 * decade or more left of the first point).
 */
internal fun logX(name: String, lo: Double, hi: Double): org.jetbrains.letsPlot.intern.Feature {
    val breaks = logBreaks(lo, hi)
    return scaleXLog10(name = name, breaks = breaks, labels = breaks.map { tick(it) }) + coordCartesian(xlim = Pair(lo, hi))
}

/** Both axes log10, each showing exactly its range with 1-2-5 breaks (as [logX]). */
internal fun logXY(xName: String, x: Pair<Double, Double>, yName: String, y: Pair<Double, Double>): org.jetbrains.letsPlot.intern.Feature {
    val xb = logBreaks(x.first, x.second)
    val yb = logBreaks(y.first, y.second)
    return scaleXLog10(name = xName, breaks = xb, labels = xb.map { tick(it) }) +
        scaleYLog10(name = yName, breaks = yb, labels = yb.map { tick(it) }) + coordCartesian(xlim = x, ylim = y)
}

/** 0.5, 2, 1,500, 20,000: no trailing zeros, thousands grouped. */
private fun tick(v: Double): String =
    if (v >= 1000 && v == kotlin.math.floor(v)) "%,d".format(java.util.Locale.ROOT, v.toLong())
    else java.math.BigDecimal(v).round(java.math.MathContext(3)).stripTrailingZeros().toPlainString()

internal fun logBreaks(lo: Double, hi: Double): List<Double> {
    val decades = log10(hi / lo)
    val mantissas = when {
        decades <= 1.2 -> listOf(1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
        decades <= 2.2 -> listOf(1.0, 2.0, 5.0)
        decades <= 4.0 -> listOf(1.0, 3.0)
        else -> listOf(1.0)
    }
    val out = ArrayList<Double>()
    for (e in kotlin.math.floor(log10(lo)).toInt()..kotlin.math.ceil(log10(hi)).toInt())
        for (m in mantissas) {
            val v = m * 10.0.pow(e)
            if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out += v
        }
    return out
}

private fun base(): Plot = letsPlot() + themeBW() + theme(plotTitle = elementText(size = 15), plotSubtitle = elementText(size = 11))

// How the figures read the engine's curve (LearningCurveResult): every number comes from it, none is recomputed here.
private val LearningCurveResult.hierarchy get() = spec().hierarchy()
private val LearningCurveResult.architecture get() = spec().architecture()
private val LearningCurveResult.label get() = label()
private val LearningCurveResult.note get() = note()
/** The test-error level of P* and of the dotted line: the curve's own criterion, so a figure shows what was asked for. */
private val LearningCurveResult.threshold get() = criterion().threshold()
/** The members that measured something, in (seed, P) order. */
private val LearningCurveResult.points: List<CurveMember>
    get() = members().filter { !it.excluded() && !it.testError().isNaN() }.sortedWith(compareBy({ it.seed() }, { it.trainSize() }))
/** P ↦ median test error, where some member has one. */
private fun LearningCurveResult.median(): SortedMap<Long, Double> = TreeMap(medianTestError(criterion().metric()).filterValues { !it.isNaN() })
/** The median at the P every realisation has: the line. The others (a search's pilots) are drawn apart, as what they are. */
private fun LearningCurveResult.completeMedian(): SortedMap<Long, Double> = incompleteSizes().let { fewer -> TreeMap(median().filterKeys { it !in fewer }) }
private fun LearningCurveResult.partialMedian(): SortedMap<Long, Double> = incompleteSizes().let { fewer -> TreeMap(median().filterKeys { it in fewer }) }
private fun LearningCurveResult.pStar(): PStarReading = sampleComplexity()

/** One threshold per figure: curves read at different ε cannot share a dotted line and a legend. */
private fun sameThreshold(curves: List<LearningCurveResult>) {
    val levels = curves.map { it.threshold }.distinct()
    require(levels.size == 1) { "curves read P* at different thresholds (${levels.joinToString(", ")}): draw them in separate figures" }
}

private fun colors(labels: List<String>) = scaleColorManual(values = labels.indices.map { PALETTE[it % PALETTE.size] }, limits = labels, name = "")

/**
 * "P* = 1.2e3 [9.1e2, 1.6e3] (min–max over 2 realisations) = 2.3 n_c·m^L", with a flag when the median curve
 * rises above the threshold again after crossing it.
 */
private fun pStarText(c: LearningCurveResult, scale: Scale): String {
    val r = c.pStar()
    val flag = if (r.nonMonotone()) "; non-monotone: back above ε at P = ${r.recrossings().joinToString(", ")} (P* = first crossing)" else ""
    if (!r.crossed()) return "P* ${r.median().reason()}$flag"
    val s = c.scale(scale)
    val interval = if (r.realisations() <= 1) "(one realisation)" else "[${fmt(r.lower())}, ${fmt(r.upper())}] (${r.intervalLabel()})"
    return "P* = ${fmt(r.value())} $interval = ${fmt(r.value() / s)} ${scale.resolve(c.hierarchy, c.architecture).symbol}$flag"
}

/** Subtitle lines broken at word boundaries so that none runs past a figure [width] pixels wide (11 pt text). */
internal fun wrap(text: String, width: Int): String {
    val max = (width / 6.6).toInt()
    return text.split("\n").joinToString("\n") { line ->
        val out = StringBuilder()
        var len = 0
        for (word in line.split(" ")) {
            if (len > 0 && len + 1 + word.length > max) { out.append("\n   "); len = 3 }
            else if (len > 0) { out.append(' '); len++ }
            out.append(word); len += word.length
        }
        out.toString()
    }
}

/** The parameters of a hierarchy's summary, "RHM(v=4, n_c=4, ...)" ↦ {family: RHM, v: 4, n_c: 4, ...}. */
private fun params(c: LearningCurveResult): Map<String, String> {
    val head = c.hierarchy.name()
    return mapOf("family" to head.substringBefore("(")) + head.substringAfter("(").substringBefore(")").split(", ")
        .filter { "=" in it }.associate { it.substringBefore("=") to it.substringAfter("=") }
}

/**
 * One legend label per curve, distinct for every hierarchy × network: a network label shared by curves of
 * different tasks gets the task parameters that tell them apart ("LCN(H=128) · v=6"); curves still alike are
 * numbered. Every figure draws one line and one legend entry per label, so no two curves merge into one line.
 */
fun seriesLabels(curves: List<LearningCurveResult>): List<String> {
    val out = curves.map { it.label }.toMutableList()
    for ((label, idx) in curves.indices.groupBy { curves[it].label }) {
        if (idx.size < 2) continue
        val ps = idx.map { params(curves[it]) }
        val differing = ps.flatMap { it.keys }.distinct().filter { k -> ps.map { it[k] }.distinct().size > 1 }
        for ((j, i) in idx.withIndex()) {
            val what = differing.joinToString(", ") { k -> if (k == "family") ps[j][k]!! else "$k=${ps[j][k]}" }
            out[i] = if (what.isEmpty()) label else "$label · $what"
        }
    }
    for ((_, idx) in out.indices.groupBy { out[it] }) if (idx.size > 1) idx.forEachIndexed { n, i -> out[i] = "${out[i]} #${n + 1}" }
    return out
}

/** The curves relabelled by [seriesLabels]. */
private fun distinct(curves: List<LearningCurveResult>): List<LearningCurveResult> =
    curves.zip(seriesLabels(curves)).map { (c, l) -> if (c.label == l) c else c.withLabel(l) }

/**
 * Dashed chance lines 1 − 1/n_c, each labelled with its n_c at the right end ([xRight]), below the line or, when
 * the next line is too close for text between them, above it; labels that would still overlap are merged.
 */
private fun chanceLines(curves: List<LearningCurveResult>, xRight: Double): org.jetbrains.letsPlot.intern.Feature? {
    val byLevel = curves.map { it.hierarchy.classes() }.distinct().sortedDescending().map { 1.0 - 1.0 / it to it }
    if (byLevel.isEmpty()) return null
    var f: org.jetbrains.letsPlot.intern.Feature = geomHLine(yintercept = byLevel.first().first, color = "#888888", linetype = "dashed", size = 0.7, tooltips = tooltipsNone)
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

// ------------------------------------------------------------------------------------------------- tooltips
// What hovering a point shows in a notebook, where lets-plot's JavaScript draws the figure (Figure.toInteractiveHtml).
// The static SVG and PNG ignore tooltips. The text is formatted here, once, from the curve's own numbers.

/** How a member stopped, in words. */
private fun stopWord(s: Status): String = when (s) {
    Status.CONVERGED -> "converged"
    Status.MAX_EPOCHS -> "epoch cap"
    Status.DIVERGED -> "diverged"
    Status.FAILED -> "failed"
}

/** "3 converged, 1 epoch cap": the members at one P by how they stopped, failed and diverged ones included. */
private fun stops(ms: List<CurveMember>): String =
    ms.groupingBy { it.status() }.eachCount().toSortedMap().entries.joinToString(", ") { (s, n) -> "$n ${stopWord(s)}" }

/** "0.105–0.180 (min–max)", or the one value. */
private fun spread(values: List<Double>): String {
    val v = values.filter { !it.isNaN() }
    return when {
        v.isEmpty() -> "–"
        v.size == 1 -> "one realisation"
        else -> "${fmt3(v.min())}–${fmt3(v.max())} (min–max of ${v.size})"
    }
}

private fun fmt3(x: Double) = if (x.isNaN()) "–" else String.format(java.util.Locale.ROOT, "%.3f", x)

/** "34–120", or "57" when all agree. */
private fun range(xs: List<Int>): String = if (xs.isEmpty()) "–" else if (xs.min() == xs.max()) "${xs.min()}" else "${xs.min()}–${xs.max()}"

/** One member per point: its curve, P, test error, seed, epochs and how it stopped. */
private val memberTooltips: layerTooltips
    get() = layerTooltips().title("@curve").line("P|@{P text}").line("test error|@{error text}").line("seed|@seed")
        .line("epochs|@epochs").line("stopped|@stopped")

/** A median over realisations: P, the median and its spread, the seeds, epochs and how the members stopped. */
private val medianTooltips: layerTooltips
    get() = layerTooltips().title("@curve").line("P|@{P text}").line("median test error|@{error text}").line("spread|@spread")
        .line("seeds|@seeds").line("epochs|@epochs").line("stopped|@stopped")

/** The tooltip columns of the median points of [c] at the sizes [ps] (all members at each P, excluded ones too). */
private fun medianTooltipData(c: LearningCurveResult, ps: Collection<Long>, median: Map<Long, Double>): Map<String, List<Any>> {
    val at = c.members().groupBy { it.trainSize() }
    val measured = c.points.groupBy { it.trainSize() }
    return mapOf(
        "P text" to ps.map { "$it" },
        "error text" to ps.map { fmt3(median[it] ?: Double.NaN) },
        "spread" to ps.map { p -> spread(measured[p].orEmpty().map { it.testError() }) },
        "seeds" to ps.map { p -> measured[p].orEmpty().map { it.seed() }.distinct().sorted().joinToString(", ") },
        "epochs" to ps.map { p -> range(at[p].orEmpty().map { it.epochs() }) },
        "stopped" to ps.map { p -> stops(at[p].orEmpty()) },
    )
}

/** Columns of several curves' median points, concatenated in curve order. */
private fun concat(parts: List<Map<String, List<Any>>>): Map<String, List<Any>> =
    parts.flatMap { it.keys }.distinct().associateWith { k -> parts.flatMap { it[k].orEmpty() } }

// ---------------------------------------------------------------------------------------------- learning curves

/** Test error vs P of one curve: per-seed points, median line, P* with its interval, chance level, scale guide. */
@JvmOverloads
fun learningCurveFigure(curve: LearningCurveResult, scale: Scale = Scale.AUTO): Figure =
    learningCurveFigure(listOf(curve), scale)

/** Several curves on one set of axes (e.g. CNN vs FCN on one task). */
@JvmName("learningCurvesFigure")
@JvmOverloads
fun learningCurveFigure(curves: List<LearningCurveResult>, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    require(curves.isNotEmpty()) { "no curve to plot" }
    sameThreshold(curves)
    @Suppress("NAME_SHADOWING") val curves = distinct(curves)
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
    val readings = curves.map { it to it.pStar() }
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
            "interval" to marks.map { (_, r) -> if (r.realisations() <= 1) "one realisation" else "${fmt(r.lower())}–${fmt(r.upper())} (${r.intervalLabel()})" })
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
    val bar = readings.map { it.second }.filter { it.crossed() && it.realisations() > 1 }.map { if (it.interval().kind() == SampleComplexity.Interval.Kind.RANGE) "min–max over realisations" else "95 % bootstrap interval" }
        .distinct().joinToString(" or ")
    val legend = "◆ P* at ${first.criterion()} (median of each realisation's P*)" + (if (bar.isEmpty()) "" else ", bar: $bar") +
        (if (back.isNotEmpty()) ", △ error back above ε" else "") +
        (if (partial.isNotEmpty()) ", □ median of fewer realisations (a search's pilots and single-seed points)" else "")
    val subtitle = wrap(curves.joinToString("\n") { (if (curves.size > 1) it.label + ": " else "") + pStarText(it, scale) +
        (if (it.note.isEmpty()) "" else " · ${it.note}") } +
        "\n" + legend, W)
    p += logX("P (training-set size)", lo, hi) +
        scaleYContinuous(name = "test error", limits = Pair(0.0, yTop)) +
        colors(labels) +
        labs(title = titleText, subtitle = subtitle)
    return Figure(p, "learning-curve", W, H, "test error vs P: $titleText; $subtitle")
}

/** Several tasks in rescaled units P / scale: the collapse of docs/science.md §2.E.2 (and §3.E for the SRHM scales). */
@JvmOverloads
fun collapseFigure(curves: List<LearningCurveResult>, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    require(curves.isNotEmpty()) { "no curve to plot" }
    sameThreshold(curves)
    @Suppress("NAME_SHADOWING") val curves = distinct(curves)
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
    val readings = curves.map { it to it.pStar() }
    val marks = readings.filter { it.second.crossed() }
    if (marks.isNotEmpty()) {
        p += geomPoint(data = mapOf("x" to marks.map { (c, r) -> r.value() / c.scale(scale) }, "error" to marks.map { it.first.threshold },
            "curve" to marks.map { it.first.label }), shape = 23, size = 5.5, fill = "#ffd400", stroke = 1.3, showLegend = false) { x = "x"; y = "error"; color = "curve" }
    }
    val flagged = readings.filter { it.second.nonMonotone() }.map { it.first.label }
    val sub = wrap((if (marks.isEmpty()) "no curve crossed ε = ${fmt(curves.first().threshold)}"
    else "◆ P*/($sym) = " + marks.joinToString(if (marks.size > 3) "\n" else ", ") { (c, r) -> "${fmt(r.value() / c.scale(scale))} (${c.label})" }) +
        (if (marks.size < curves.size && marks.isNotEmpty()) "\nnot crossed: " + readings.filter { !it.second.crossed() }.joinToString(", ") { it.first.label } else "") +
        (if (flagged.isEmpty()) "" else "\nnon-monotone (error back above ε after crossing): " + flagged.joinToString(", ")), W)
    p += logX("P / $sym", x0, x1) + scaleYContinuous(name = "test error", limits = Pair(0.0, (chance.maxOrNull() ?: 1.0) + 0.08)) +
        colors(labels) + labs(title = title ?: "Collapse in units of $sym", subtitle = sub)
    return Figure(p, "collapse", W, H, "test error vs P/($sym) for ${labels.joinToString()}; $sub")
}

// ------------------------------------------------------------------------------------------------ sensitivities

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
        "seeds" to seeds.distinct().sorted().joinToString(", "), "epochs" to range(membersAt[p].orEmpty().map { it.epochs() }),
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
    return Figure(p, "sensitivity", max(W, 300 * L), H, "sensitivities vs P per layer and level for ${curve.label}")
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
    return Figure(p, "sensitivity-key", W, H, "${names.joinToString()} vs P for ${curve.label}")
}

// ------------------------------------------------------------------------------------------------ P* scaling

/** A measured P* against a theory scale: [pStar] with its interval [lower, upper], of the kind [interval] says. */
data class PStarPoint @JvmOverloads constructor(
    val label: String, val scale: Double, val pStar: Double, val lower: Double, val upper: Double,
    val interval: String = "",
) {
    companion object {
        /** P* of [curve] (null when it did not cross inside the measured range). */
        @JvmStatic
        @JvmOverloads
        fun of(curve: LearningCurveResult, scale: Scale = Scale.AUTO, label: String = curve.label): PStarPoint? {
            val r = curve.pStar()
            val kind = when {
                r.realisations() <= 1 -> ""
                r.interval().kind() == SampleComplexity.Interval.Kind.RANGE -> "min–max over realisations"
                else -> "95 % bootstrap interval"
            }
            return if (r.crossed()) PStarPoint(label, curve.scale(scale), r.value(), r.lower(), r.upper(), kind) else null
        }
    }
}

/** The least-squares slope and intercept of log10 P* against log10 scale (NaN with fewer than two scales). */
data class PowerFit(val slope: Double, val intercept: Double) {
    fun at(x: Double) = 10.0.pow(intercept + slope * log10(x))

    companion object {
        @JvmStatic
        fun of(points: List<PStarPoint>): PowerFit {
            val xs = points.map { log10(it.scale) }
            val ys = points.map { log10(it.pStar) }
            if (xs.distinct().size < 2) return PowerFit(Double.NaN, if (ys.isEmpty()) Double.NaN else ys.average() - xs.average())
            val mx = xs.average()
            val my = ys.average()
            val slope = xs.indices.sumOf { (xs[it] - mx) * (ys[it] - my) } / xs.sumOf { (it - mx) * (it - mx) }
            return PowerFit(slope, my - slope * mx)
        }
    }
}

/** P* against the theory scale, log–log: points with their intervals, the line P* = C·scale, and the fitted slope. */
@JvmOverloads
fun pStarScalingFigure(points: List<PStarPoint>, scaleName: String = "n_c·m^L", title: String? = null): Figure {
    require(points.isNotEmpty()) { "no crossed P* to plot" }
    val fit = PowerFit.of(points)
    val labels = points.map { it.label }.distinct()
    val xs = points.map { it.scale }
    val x0 = xs.min() / 1.5
    val x1 = xs.max() * 1.5
    val c = 10.0.pow(points.map { log10(it.pStar / it.scale) }.average())   // geometric-mean constant
    val guide = mapOf("x" to listOf(x0, x1), "y" to listOf(c * x0, c * x1))
    val fitLine = if (fit.slope.isNaN()) null else mapOf("x" to listOf(x0, x1), "y" to listOf(fit.at(x0), fit.at(x1)))
    val finite = { v: Double, fb: Double -> if (v.isFinite() && v > 0) v else fb }
    val bars = mapOf(
        "x" to points.map { it.scale }, "xend" to points.map { it.scale },
        "y" to points.map { finite(it.lower, it.pStar / 3) }, "yend" to points.map { finite(it.upper, it.pStar * 3) },
        "curve" to points.map { it.label },
    )
    val pts = mapOf("x" to points.map { it.scale }, "y" to points.map { it.pStar }, "curve" to points.map { it.label })
    var p = base() +
        geomLine(data = guide, color = "#888888", linetype = "dashed", size = 0.8) { x = "x"; y = "y" } +
        geomSegment(data = bars, size = 1.2, alpha = 0.6) { x = "x"; xend = "xend"; y = "y"; yend = "yend"; color = "curve" } +
        geomPoint(data = pts, size = 4.5, shape = 21, fill = "white", stroke = 1.6) { x = "x"; y = "y"; color = "curve" }
    if (fitLine != null) p += geomLine(data = fitLine, color = "#000000", size = 1.0) { x = "x"; y = "y" }
    val sub = (if (fit.slope.isNaN()) "one scale: no slope" else "fitted slope ${String.format("%.2f", fit.slope)} (solid)") +
        "; dashed: P* = ${fmt(c)}·$scaleName (slope 1)" +
        points.map { it.interval }.filter { it.isNotEmpty() }.distinct().let { if (it.isEmpty()) "" else "; bars: " + it.joinToString(" or ") }
    val ys = guide.getValue("y") + (fitLine?.getValue("y") ?: emptyList()) + bars.getValue("y").map { it as Double } +
        bars.getValue("yend").map { it as Double }
    p += logXY(scaleName, Pair(x0, x1), "P* (test error ≤ threshold)", Pair(ys.min() / 1.2, ys.max() * 1.2)) + colors(labels) +
        labs(title = title ?: "Sample complexity against $scaleName", subtitle = wrap(sub, W))
    return Figure(p, "pstar-scaling", W, H, "P* vs $scaleName; $sub")
}

/** P* of each curve against its theory scale. */
@JvmName("pStarScalingOfCurves")
@JvmOverloads
fun pStarScalingFigure(curves: List<LearningCurveResult>, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    val pts = distinct(curves).mapNotNull { PStarPoint.of(it, scale) }
    val sym = curves.map { scale.resolve(it.hierarchy, it.architecture).symbol }.distinct().joinToString(" or ")
    return pStarScalingFigure(pts, sym, title)
}

// --------------------------------------------------------------------------------------------- training dynamics

/** Training loss (log) and train / test error against epoch, one line per member, coloured by P. */
@JvmOverloads
fun trainingDynamicsFigure(curve: LearningCurveResult, title: String? = null): Figure {
    val ms = curve.points.filter { it.result().history().isNotEmpty() }
    require(ms.isNotEmpty()) { "no member of ${curve.label} has a training history" }
    val sizes = ms.map { it.trainSize() }.distinct().sorted()
    val labels = sizes.map { "P = $it" }
    val loss = ArrayList<Map<String, Any>>()
    val err = ArrayList<Map<String, Any>>()
    for (m in ms) for (c in m.result().history()) {
        val id = "P${m.trainSize()}s${m.seed()}"
        if (c.trainLoss() > 0 && c.trainLoss().isFinite()) loss += mapOf("epoch" to c.epoch().toDouble(), "y" to c.trainLoss(), "P" to "P = ${m.trainSize()}", "id" to id)
        err += mapOf("epoch" to c.epoch().toDouble(), "y" to c.testError(), "P" to "P = ${m.trainSize()}", "id" to id + "test", "set" to "test")
        err += mapOf("epoch" to c.epoch().toDouble(), "y" to c.trainError(), "P" to "P = ${m.trainSize()}", "id" to id + "train", "set" to "train")
    }
    fun cols(rows: List<Map<String, Any>>, keys: List<String>) = keys.associateWith { k -> rows.map { it[k] } }
    val t = title ?: "Training dynamics · ${curve.label}"
    val pal = scaleColorManual(values = labels.indices.map { PALETTE[it % PALETTE.size] }, limits = labels, name = "")
    val lossPlot = base() + geomLine(data = cols(loss, listOf("epoch", "y", "P", "id")), size = 0.9, alpha = 0.85) { x = "epoch"; y = "y"; color = "P"; group = "id" } +
        scaleYLog10(name = "training loss") + scaleXContinuousEpoch() + pal + labs(title = t, subtitle = "training loss · " + curve.hierarchy.name()) + theme().legendPositionNone()
    val errPlot = base() + geomLine(data = cols(err, listOf("epoch", "y", "P", "id", "set")), size = 0.9, alpha = 0.85) { x = "epoch"; y = "y"; color = "P"; group = "id"; linetype = "set" } +
        scaleYContinuous(name = "error", limits = Pair(0.0, 1.0 - 1.0 / curve.hierarchy.classes() + 0.08)) + scaleXContinuousEpoch() + pal +
        scaleLinetypeManual(values = listOf(1, 2), limits = listOf("test", "train"), name = "") + labs(title = " ", subtitle = "test (solid) and train (dashed) error")
    val grid = gggrid(listOf(lossPlot, errPlot), ncol = 2, widths = listOf(0.8, 1.0))
    return Figure(grid, "training-dynamics", 980, 420, "loss and error vs epoch per member for ${curve.label}")
}

private fun scaleXContinuousEpoch() = org.jetbrains.letsPlot.scale.scaleXContinuous(name = "epoch")

@Suppress("unused")
private fun geoMean(xs: List<Double>) = kotlin.math.exp(xs.sumOf { ln(it) } / xs.size).let { if (xs.isEmpty()) Double.NaN else it } + 0 * sqrt(0.0)

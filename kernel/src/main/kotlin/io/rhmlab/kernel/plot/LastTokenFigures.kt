package io.rhmlab.kernel.plot

import io.rhmlab.dsl.correlation.LastTokenEntropies
import io.rhmlab.dsl.correlation.LastTokenScales
import io.rhmlab.dsl.grammar.Rules
import io.rhmlab.engine.curve.ErrorMetric
import io.rhmlab.engine.curve.LearningCurveResult
import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.geom.geomVLine
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleXLog10

private val LAST_TOKEN_COLORS = listOf("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")

/**
 * Test cross-entropy against P for last-token curves of one grammar (docs/last-token.md §4): each curve's points
 * (every realisation) and its median, the exact plateaus H_k of the grammar as dashed lines, and the predicted
 * steps P_k of [LT] Eq. 12 as dotted verticals. The curves are read with their own metric when it is a loss
 * (the reproduction reads the lowest test loss over checkpoints), else with the final model's loss.
 */
fun lastTokenLossFigure(curves: List<LearningCurveResult>, title: String? = null): Figure {
    require(curves.isNotEmpty()) { "no curve to plot" }
    val h = curves.first().spec().hierarchy()
    require(curves.all { it.spec().hierarchy().withSeeds(0, 0) == h.withSeeds(0, 0) }) {
        "curves: the plateaus are those of one grammar; got curves of several"
    }
    require(curves.all { it.spec().task() != null }) { "curves: these are not last-token curves (use learningCurveFigure)" }
    val metric = curves.first().criterion().metric().let { if (it.isLoss()) it else ErrorMetric.LOSS }
    val plateaus = LastTokenEntropies.of(Rules.draw(h)).nats()
    val scales = LastTokenScales.of(h)
    val labels = curves.map { it.label() }

    fun value(m: io.rhmlab.engine.curve.CurveMember) = if (metric == ErrorMetric.BEST_LOSS) m.result().testLossBest() else m.result().testLoss()
    val points = curves.flatMap { c -> c.members().filter { !it.excluded() && !value(it).isNaN() }.map { c to it } }
    val pts = mapOf(
        "P" to points.map { it.second.trainSize().toDouble() },
        "loss" to points.map { value(it.second) },
        "curve" to points.map { it.first.label() },
        "seed" to points.map { it.second.seed() },
    )
    val medians = curves.map { c -> c to c.medianTestError(metric).filterValues { !it.isNaN() } }
    val med = mapOf(
        "P" to medians.flatMap { (_, m) -> m.keys.map { it.toDouble() } },
        "loss" to medians.flatMap { (_, m) -> m.values.toList() },
        "curve" to medians.flatMap { (c, m) -> m.keys.map { c.label() } },
    )
    val pMin = pts["P"]!!.minOf { it as Double } / 1.6
    val pMax = pts["P"]!!.maxOf { it as Double } * 1.6
    val steps = (1..h.depth()).map { it to scales.sampleComplexity(it) }.filter { it.second in pMin..pMax * 4 }
    var p = base()
    for (k in plateaus.indices) {
        p += geomHLine(yintercept = plateaus[k], color = "#777777", linetype = "dashed", size = 0.5)
        p += geomText(x = pMin * 1.1, y = plateaus[k], label = "H_$k = ${"%.2f".format(plateaus[k])}", hjust = 0, vjust = -0.4, size = 4.5, color = "#555555")
    }
    for ((k, pk) in steps) {
        p += geomVLine(xintercept = pk, color = "#999999", linetype = "dotted", size = 0.6)
        p += geomText(x = pk, y = plateaus[0] + 0.12, label = "P_$k", hjust = -0.2, size = 4.5, color = "#555555")
    }
    p += geomPoint(data = pts, alpha = 0.6, size = 2.6, shape = 16) { x = "P"; y = "loss"; color = "curve" }
    p += geomLine(data = med, size = 1.1) { x = "P"; y = "loss"; color = "curve" }
    p += scaleColorManual(values = labels.indices.map { LAST_TOKEN_COLORS[it % LAST_TOKEN_COLORS.size] }, limits = labels, name = "")
    p += scaleXLog10(name = "P (training data)", limits = pMin to pMax)
    val read = if (metric == ErrorMetric.BEST_LOSS) "lowest test loss over checkpoints" else "final test loss"
    p += labs(title = title ?: "Last-token prediction on ${h.name()}", y = "$read (nats)",
        subtitle = "dashed: exact plateaus H_k of this grammar; dotted: predicted steps P_k; line: median over realisations")
    return Figure(p, "last-token-" + h.name().replace(Regex("[^A-Za-z0-9]+"), "-").trim('-').lowercase(), 760, 480,
        "test cross-entropy against P with the plateaus H_k and the steps P_k")
}

/**
 * The correlations of the last token with the token at distance t (docs/last-token.md §3): the exact C(t) of one
 * grammar (a staircase, one step per level of their common ancestor) and its estimate from P sampled data for each
 * P in [sizes], which follows C(t) until it meets its sampling-noise floor 1/(v√P) (drawn dotted). Log–log axes.
 */
@JvmOverloads
fun lastTokenCorrelationFigure(h: io.rhmlab.dsl.Hierarchy, sizes: List<Int> = listOf(100, 1000, 10_000, 100_000), title: String? = null): Figure {
    val rules = Rules.draw(h)
    val exact = io.rhmlab.dsl.correlation.LastTokenCorrelations.of(rules)
    val ts = (1..exact.distances()).toList()
    val series = mutableListOf<Triple<Int, Double, String>>()
    ts.forEach { series += Triple(it, exact.rms(it), "exact C(t)") }
    val floors = mutableListOf<Pair<Double, String>>()
    for (p in sizes.filter { it.toBigInteger() <= h.maxSamples() }) {
        val empirical = io.rhmlab.dsl.correlation.EmpiricalLastTokenCorrelations.sample(h, rules, p)
        ts.forEach { series += Triple(it, empirical.rms(it), "P = $p") }
        floors += empirical.noiseFloor() to "P = $p"
    }
    val labels = series.map { it.third }.distinct()
    val data = mapOf("t" to series.map { it.first.toDouble() }, "C" to series.map { it.second }, "series" to series.map { it.third })
    var p = base()
    for ((floor, _) in floors) p += geomHLine(yintercept = floor, color = "#999999", linetype = "dotted", size = 0.5)
    p += geomLine(data = data, size = 1.0) { x = "t"; y = "C"; color = "series" }
    p += geomPoint(data = data, size = 2.2) { x = "t"; y = "C"; color = "series" }
    p += scaleColorManual(values = labels.indices.map { if (it == 0) "#000000" else LAST_TOKEN_COLORS[(it - 1) % LAST_TOKEN_COLORS.size] }, limits = labels, name = "")
    p += scaleXLog10(name = "distance t to the last token", breaks = ts.map { it.toDouble() }, labels = ts.map { it.toString() })
    p += org.jetbrains.letsPlot.scale.scaleYLog10(name = "RMS correlation with the last token")
    p += labs(title = title ?: "Token–token correlations of ${h.name()}",
        subtitle = "black: exact, from the rules; coloured: estimated from P data; dotted: noise floors 1/(v√P)")
    return Figure(p, "last-token-correlations", 760, 480, "RMS correlation C(t) of the last token with the token at distance t, exact and estimated")
}

@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import org.jetbrains.letsPlot.coord.coordCartesian
import org.jetbrains.letsPlot.intern.Feature
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleXLog10
import org.jetbrains.letsPlot.scale.scaleYLog10
import org.jetbrains.letsPlot.themes.elementText
import org.jetbrains.letsPlot.themes.theme
import org.jetbrains.letsPlot.themes.themeBW
import kotlin.math.log10
import kotlin.math.pow

/*
 * What every figure of the papers shares (the figures themselves are values, [Figure]): size, colours, theme, number
 * formats, log axes and subtitle wrapping. Kotlin: `learningCurveFigure(curve)`; Java: `Figures.learningCurveFigure(curve)`,
 * one facade class for all the figure files of this package.
 */

/** Colours for curves (colour-blind safe Tableau set). */
internal val PALETTE = listOf("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")

internal const val FIGURE_WIDTH = 720
internal const val FIGURE_HEIGHT = 440

internal fun fmt(x: Double): String = when {
    x.isNaN() -> "–"
    x.isInfinite() -> "∞"
    x >= 1e4 || (x < 1e-2 && x > 0) -> String.format("%.2e", x)
    x >= 100 -> String.format("%.0f", x)
    else -> String.format("%.3g", x)
}

internal fun fmt3(x: Double) = if (x.isNaN()) "–" else String.format(java.util.Locale.ROOT, "%.3f", x)

internal fun base(): Plot = letsPlot() + themeBW() + theme(plotTitle = elementText(size = 15), plotSubtitle = elementText(size = 11))

internal fun colors(labels: List<String>) = scaleColorManual(values = labels.indices.map { PALETTE[it % PALETTE.size] }, limits = labels, name = "")

/**
 * A log10 x axis showing exactly [lo, hi] with 1-2-5 (or 1-3, or decade) breaks. The range is set on the coordinate
 * system: lets-plot's log10 scale `limits` widen the drawn range well beyond the data (seen as an axis reaching a
 * decade or more left of the first point).
 */
internal fun logX(name: String, lo: Double, hi: Double): Feature {
    val breaks = logBreaks(lo, hi)
    return scaleXLog10(name = name, breaks = breaks, labels = breaks.map { tick(it) }) + coordCartesian(xlim = Pair(lo, hi))
}

/** Both axes log10, each showing exactly its range with 1-2-5 breaks (as [logX]). */
internal fun logXY(xName: String, x: Pair<Double, Double>, yName: String, y: Pair<Double, Double>): Feature {
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

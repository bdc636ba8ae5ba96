@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import io.rhmlab.engine.curve.LearningCurveResult
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomSegment
import org.jetbrains.letsPlot.label.labs
import kotlin.math.log10
import kotlin.math.pow

// The sample complexity P* against the theory scale, across tasks: the scaling laws.

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
            val r = curve.sampleComplexity()
            return if (r.crossed()) PStarPoint(label, curve.scale(scale), r.value(), r.lower(), r.upper(), r.intervalKind()) else null
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
        labs(title = title ?: "Sample complexity against $scaleName", subtitle = wrap(sub, FIGURE_WIDTH))
    return Figure(p, "pstar-scaling", FIGURE_WIDTH, FIGURE_HEIGHT, "P* vs $scaleName; $sub")
}

/** P* of each curve against its theory scale. */
@JvmName("pStarScalingOfCurves")
@JvmOverloads
fun pStarScalingFigure(curves: List<LearningCurveResult>, scale: Scale = Scale.AUTO, title: String? = null): Figure {
    val pts = withSeriesLabels(curves).mapNotNull { PStarPoint.of(it, scale) }
    val sym = curves.map { scale.resolve(it.hierarchy, it.architecture).symbol }.distinct().joinToString(" or ")
    return pStarScalingFigure(pts, sym, title)
}

@file:JvmName("Figures")
@file:JvmMultifileClass

package io.rhmlab.kernel.plot

import io.rhmlab.engine.curve.LearningCurveResult
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.gggrid
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.scale.scaleLinetypeManual
import org.jetbrains.letsPlot.scale.scaleXContinuous
import org.jetbrains.letsPlot.scale.scaleYContinuous
import org.jetbrains.letsPlot.scale.scaleYLog10
import org.jetbrains.letsPlot.themes.theme

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
    val pal = colors(labels)
    val lossPlot = base() + geomLine(data = cols(loss, listOf("epoch", "y", "P", "id")), size = 0.9, alpha = 0.85) { x = "epoch"; y = "y"; color = "P"; group = "id" } +
        scaleYLog10(name = "training loss") + scaleXContinuous(name = "epoch") + pal + labs(title = t, subtitle = "training loss · " + curve.hierarchy.name()) + theme().legendPositionNone()
    val errPlot = base() + geomLine(data = cols(err, listOf("epoch", "y", "P", "id", "set")), size = 0.9, alpha = 0.85) { x = "epoch"; y = "y"; color = "P"; group = "id"; linetype = "set" } +
        scaleYContinuous(name = "error", limits = Pair(0.0, 1.0 - 1.0 / curve.hierarchy.classes() + 0.08)) + scaleXContinuous(name = "epoch") + pal +
        scaleLinetypeManual(values = listOf(1, 2), limits = listOf("test", "train"), name = "") + labs(title = " ", subtitle = "test (solid) and train (dashed) error")
    val grid = gggrid(listOf(lossPlot, errPlot), ncol = 2, widths = listOf(0.8, 1.0))
    return Figure(grid, "training-dynamics", 980, 420, "loss and error vs epoch per member for ${curve.label}")
}

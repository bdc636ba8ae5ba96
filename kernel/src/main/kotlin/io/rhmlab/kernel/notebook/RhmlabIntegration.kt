package io.rhmlab.kernel.notebook

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.engine.curve.LearningCurve
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.kernel.plot.Figure
import io.rhmlab.kernel.plot.learningCurveFigure
import io.rhmlab.kernel.script.RHMLAB_DEFAULT_IMPORTS
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Consumer

/**
 * `%use rhmlab` (or any notebook that loads rhmlab-kernel): imports the DSL, keeps DJL offline, and renders
 * hierarchies (summary + a drawn datum as a tree), learning curves, sensitivity curves and figures as PNG + SVG
 * (no JavaScript). Learning curves declared in the notebook show an updating progress display in their cell.
 */
class RhmlabIntegration : JupyterIntegration() {

    override fun Builder.onLoaded() {
        // before the first DJL class loads: no telemetry, no downloads
        System.setProperty("ai.djl.offline", "true")
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true")

        import(*RHMLAB_DEFAULT_IMPORTS.toTypedArray())   // the same list as DSL scripts

        render<Figure> { figureResult(it) }
        render<Hierarchy> { MimeTypedResult(mapOf("text/plain" to HierarchyView.text(it), "text/html" to HierarchyView.html(it)), false, null) }
        render<LearningCurveResult> { figureResult(learningCurveFigure(it), it.toString()) }

        // DJL finds its native library (pytorch-native-cpu) through the thread's context class loader, which in
        // the kernel is not the one holding the notebook's dependencies
        val libraries = RhmlabIntegration::class.java.classLoader
        beforeCellExecution { Thread.currentThread().contextClassLoader = libraries }
        val hook = Consumer<LearningCurve> { curve ->
            Thread.currentThread().contextClassLoader = libraries
            curve.progress(false)
            curve.listener(progressDisplay { cellHost?.invoke() })
        }
        onLoaded {
            CurveHooks.add(hook)
            // The host handed to beforeCellExecution is a side context whose displays go nowhere; the host of the
            // cell being evaluated is only reachable from notebook code, through the script's userHandlesProvider.
            execute("${RhmlabIntegration::class.qualifiedName}.cellHost = { userHandlesProvider.host }")
        }
        onShutdown { CurveHooks.remove(hook) }
    }

    companion object {
        private val displays = AtomicInteger()

        /** The host of the cell being evaluated (set by notebook code when the library loads). */
        @JvmStatic
        @Volatile
        var cellHost: (() -> KotlinKernelHost?)? = null

        /** PNG first (what exports and screenshots show), SVG for the browser, a text line for consoles. */
        @JvmStatic
        @JvmOverloads
        fun figureResult(f: Figure, text: String = f.toString()): MimeTypedResult =
            MimeTypedResult(linkedMapOf("image/png" to f.toPngBase64(), "image/svg+xml" to f.toSvg(), "text/plain" to text), false, null)

        /** A [NotebookProgress] drawing into the cell that is running when training starts. */
        fun progressDisplay(host: () -> KotlinKernelHost?): NotebookProgress {
            val id = "rhmlab-progress-" + displays.incrementAndGet()
            return NotebookProgress({ html, text, first ->
                val h = host()
                if (h != null) {
                    val value = MimeTypedResult(mapOf("text/html" to html, "text/plain" to text), false, null)
                    if (first) h.display(value, id) else h.updateDisplay(value, id)
                }
            })
        }
    }
}

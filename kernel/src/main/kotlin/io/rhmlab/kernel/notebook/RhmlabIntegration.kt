package io.rhmlab.kernel.notebook

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.engine.curve.CurveHooks
import io.rhmlab.engine.curve.LearningCurve
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.kernel.frame.FrameView
import io.rhmlab.kernel.plot.Figure
import io.rhmlab.kernel.plot.LetsPlotJs
import io.rhmlab.kernel.plot.learningCurveFigure
import io.rhmlab.kernel.script.RHMLAB_DEFAULT_IMPORTS
import org.jetbrains.kotlinx.dataframe.AnyFrame
import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Consumer

/**
 * `%use rhmlab` (or any notebook that loads rhmlab-kernel): imports the DSL, keeps DJL offline, and renders
 * hierarchies (summary + a drawn datum as a tree), learning curves, sensitivity curves and figures (static PNG +
 * SVG; interactive lets-plot HTML with the PNG as its fallback when the user has lets-plot's script: [LetsPlotJs]),
 * and DataFrames of results as tables. Learning curves declared in the notebook show an updating progress
 * display in their cell.
 */
class RhmlabIntegration : JupyterIntegration() {

    override fun Builder.onLoaded() {
        // before the first DJL class loads: no telemetry, no downloads
        System.setProperty("ai.djl.offline", "true")
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true")

        import(*RHMLAB_DEFAULT_IMPORTS.toTypedArray())   // the same list as DSL scripts
        // A descriptor written before rhmlab depended on dataframe lists no dataframe jar: the rest still loads (an
        // import of a missing package would break every cell), until `install-kernel` writes the new list.
        if (dataframeLoaded()) {
            // what `%use dataframe` would import, so that runs.toDataFrame() can be filtered and grouped at once
            import("org.jetbrains.kotlinx.dataframe.*", "org.jetbrains.kotlinx.dataframe.api.*")
            FrameRendering.register(this)
        }

        render<Figure> { figureResult(it) }
        render<Hierarchy> { MimeTypedResult(mapOf("text/plain" to HierarchyView.text(it), "text/html" to HierarchyView.html(it)), false, null) }
        render<LearningCurveResult> { figureResult(learningCurveFigure(it), it.toString()) }

        // DJL finds its native library (pytorch-native-cpu) through the thread's context class loader, which in
        // the kernel is not the one holding the notebook's dependencies
        val libraries = RhmlabIntegration::class.java.classLoader
        beforeCellExecution { Thread.currentThread().contextClassLoader = libraries }
        val hook = Consumer<LearningCurve> { curve ->
            Thread.currentThread().contextClassLoader = libraries
            curve.progressDisplay(progressDisplay { cellHost?.invoke() })
        }
        onLoaded {
            // lets-plot's script, if the user has one (rhmlab does not ship it: LetsPlotJs), once per notebook page:
            // every figure after it is interactive, offline. Without it figures stay static, and one line says so.
            val lookup = LetsPlotJs.find()
            LetsPlotJs.active = lookup.script
            val script = lookup.script
            if (script != null) {
                if (lookup.notes.isNotEmpty()) display(textResult(lookup.notes.joinToString("\n")), null)
                display(HTML(LetsPlotJs.libraryHtml(script)), null)
            } else {
                display(textResult((lookup.notes + LetsPlotJs.STATIC_NOTE).joinToString("\n")), null)
            }
            CurveHooks.add(hook)
            // The host handed to beforeCellExecution is a side context whose displays go nowhere; the host of the
            // cell being evaluated is only reachable from notebook code, through the script's userHandlesProvider.
            execute("${RhmlabIntegration::class.qualifiedName}.cellHost = { userHandlesProvider.host }")
        }
        onShutdown { CurveHooks.remove(hook) }
    }

    /** Frames as tables; apart, so that its classes, which name dataframe's, load only where dataframe is present. */
    private object FrameRendering {
        fun register(b: Builder) = with(b) {
            render<AnyFrame> { MimeTypedResult(mapOf("text/html" to FrameView.html(it), "text/plain" to FrameView.text(it)), false, null) }
            // dataframe's own notebook integration (in its jar) is built for a newer kernel: its table renderer fails
            // in this one (the kernel's kotlinx-serialization 1.4 lacks what it calls), so rhmlab renders frames. The
            // descriptor's rule keeps it out when `%use rhmlab` loads (KernelInstaller.DISCARDED_INTEGRATIONS); this
            // one, when a cell adds more of dataframe's jars later.
            discardIntegrationTypeNameIf { it.startsWith("org.jetbrains.kotlinx.dataframe.") }
        }
    }

    private fun dataframeLoaded(): Boolean = try {
        Class.forName("org.jetbrains.kotlinx.dataframe.DataFrame", false, RhmlabIntegration::class.java.classLoader)
        true
    } catch (e: ClassNotFoundException) {
        false
    }

    companion object {
        private val displays = AtomicInteger()

        /** The host of the cell being evaluated (set by notebook code when the library loads). */
        @JvmStatic
        @Volatile
        var cellHost: (() -> KotlinKernelHost?)? = null

        /**
         * With lets-plot's script on the page ([LetsPlotJs.active], set by `%use rhmlab`): the interactive figure
         * (HTML: lets-plot draws it; its PNG inside, shown where scripts do not run), the PNG again on its own
         * (exports that prefer images, viewers that drop HTML) and a text line for consoles. Without it, as static
         * figures always were: PNG first (what exports and screenshots show), SVG for the browser, the text line;
         * no HTML, since nothing on the page could draw it.
         */
        @JvmStatic
        @JvmOverloads
        fun figureResult(f: Figure, text: String = f.toString(), interactive: Boolean = LetsPlotJs.active != null): MimeTypedResult {
            val png = f.toPngBase64()
            if (!interactive) return MimeTypedResult(linkedMapOf("image/png" to png, "image/svg+xml" to f.toSvg(), "text/plain" to text), false, null)
            return MimeTypedResult(linkedMapOf("text/html" to f.toInteractiveHtml(png), "image/png" to png, "text/plain" to text), false, null)
        }

        private fun textResult(text: String) = MimeTypedResult(mapOf("text/plain" to text), false, null)

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

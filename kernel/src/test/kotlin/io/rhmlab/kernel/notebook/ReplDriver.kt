package io.rhmlab.kernel.notebook

import org.jetbrains.kotlinx.jupyter.EvalRequestData
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.libraries.ExecutionHost
import org.jetbrains.kotlinx.jupyter.libraries.EmptyResolutionInfoProvider
import org.jetbrains.kotlinx.jupyter.messaging.DisplayHandler
import org.jetbrains.kotlinx.jupyter.repl.creating.createRepl
import org.jetbrains.kotlinx.jupyter.util.PatternNameAcceptanceRule
import io.rhmlab.kernel.install.KernelInstaller
import java.io.File

/**
 * Runs notebook cells in the Kotlin kernel's REPL, in process (no Python, no sockets). Loaded by [NotebookTest]
 * in a class loader that holds the kernel's own jars (Kotlin 1.8.20), so only plain Java types cross over:
 * one map per cell with the MIME types of its result ("result"), of what it displayed ("displays", "updates"),
 * the PNG sizes ("pngBytes") and a text ("text").
 */
class ReplDriver {
    @Suppress("unused") // called reflectively
    fun run(classpath: List<File>, cells: List<String>): List<Map<String, Any?>> {
        val displays = ArrayList<List<String>>()
        var updates = 0
        val handler = object : DisplayHandler {
            override fun handleDisplay(value: Any, host: ExecutionHost, id: String?) {
                displays += mimes(value)
            }

            override fun handleUpdate(value: Any, host: ExecutionHost, id: String?) {
                updates++
            }
        }
        val repl = createRepl(EmptyResolutionInfoProvider, classpath, isEmbedded = true, displayHandler = handler)
        // as the kernel does with the `%use rhmlab` descriptor's rule: dataframe's own integration stays out
        val rules = listOf(PatternNameAcceptanceRule(false, KernelInstaller.DISCARDED_INTEGRATIONS))
        repl.eval { repl.librariesScanner.addLibrariesFromClassLoader(ReplDriver::class.java.classLoader, this, repl.notebook, emptyMap(), rules) }
        val out = ArrayList<Map<String, Any?>>()
        for ((i, code) in cells.withIndex()) {
            displays.clear()
            updates = 0
            val started = System.nanoTime()
            val r = try {
                repl.evalEx(EvalRequestData(code, i + 1, true, false))
            } catch (e: Throwable) {
                throw IllegalStateException("cell ${i + 1} failed: ${e.message}\n--- cell ---\n$code", e)
            }
            val rendered = r.renderedValue
            val pngs = ArrayList<Int>()
            fun pngOf(v: Any?) { if (v is Map<*, *>) (v["image/png"] as? String)?.let { pngs += it.length * 3 / 4 } }
            pngOf(rendered)
            out += mapOf(
                "result" to mimes(rendered),
                "displays" to ArrayList(displays),
                "updates" to updates,
                "pngBytes" to pngs,
                "text" to (if (rendered is Map<*, *>) rendered["text/plain"] else rendered)?.toString()?.take(2000),
                "seconds" to (System.nanoTime() - started) / 1e9,
            )
        }
        return out
    }

    private fun mimes(v: Any?): List<String> = when (v) {
        null -> emptyList()
        is MimeTypedResult -> v.keys.toList()
        is Map<*, *> -> v.keys.map { it.toString() }
        else -> listOf("text/plain")
    }
}

package io.rhmlab.kernel.script

import java.io.File
import java.nio.file.Path
import kotlin.script.experimental.api.EvaluationResult
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.constructorArgs
import kotlin.script.experimental.api.with
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate

/** Compiles and runs `*.rhm.kts` files in this JVM, with the [RhmScript] definition. */
object ScriptHost {

    /**
     * Runs [script] with [args]. Compile errors raise [ScriptCompileException] with one `file:line:col` line per
     * error; an exception thrown by the script raises [ScriptFailedException] pointing at the script's line.
     */
    @JvmStatic
    fun run(script: Path, args: List<String>) {
        val file = script.toFile()
        if (!file.isFile) throw IllegalArgumentException("script: no such file: $script")
        val compilation = createJvmCompilationConfigurationFromTemplate<RhmScript>()
        val evaluation = RhmScriptEvaluation.with { constructorArgs(args.toTypedArray()) }
        val result = BasicJvmScriptingHost().eval(file.toScriptSource(), compilation, evaluation)
        val errors = result.reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR }
        when (result) {
            is ResultWithDiagnostics.Failure ->
                throw ScriptCompileException(script, errors.ifEmpty { result.reports }.map { render(file, it) })
            is ResultWithDiagnostics.Success -> rethrowScriptError(file, result.value)
        }
    }

    private fun rethrowScriptError(file: File, result: EvaluationResult) {
        val value = result.returnValue
        if (value is ResultValue.Error) {
            val frame = value.error.stackTrace.firstOrNull { it.fileName == file.name }
            throw ScriptFailedException(if (frame != null) "${file.path}:${frame.lineNumber}" else file.path, value.error)
        }
    }

    private fun render(file: File, d: ScriptDiagnostic): String {
        val start = d.location?.start
        val where = if (start != null) "${d.sourcePath ?: file.path}:${start.line}:${start.col}" else (d.sourcePath ?: file.path)
        val severity = d.severity.name.lowercase()
        return "$where: $severity: ${d.message}" + (d.exception?.let { " (${it})" } ?: "")
    }
}

/** A script did not compile; [errors] holds one `file:line:col: error: message` line per diagnostic. */
class ScriptCompileException(val script: Path, val errors: List<String>) :
    RuntimeException("$script does not compile:\n" + errors.joinToString("\n"))

/** A script threw [cause] at [location] (`file:line`). */
class ScriptFailedException(val location: String, cause: Throwable) : RuntimeException("$location: $cause", cause)

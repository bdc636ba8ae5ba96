package io.rhmlab.kernel.script

import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptAcceptedLocation
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.acceptedLocations
import kotlin.script.experimental.api.compilerOptions
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.ide
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.dependenciesFromCurrentContext
import kotlin.script.experimental.jvm.jvm

/**
 * The definition of an rhmlab DSL script (`*.rhm.kts`): a Kotlin script that sees the specs, the builders and
 * the learning curves without a single import, compiled against the classpath of the JVM that runs it.
 * `args` holds the arguments after the script's name on the command line.
 */
@KotlinScript(
    displayName = "rhmlab DSL script",
    fileExtension = "rhm.kts",
    compilationConfiguration = RhmScriptCompilation::class,
    evaluationConfiguration = RhmScriptEvaluation::class,
)
abstract class RhmScript(val args: Array<String>)

object RhmScriptCompilation : ScriptCompilationConfiguration({
    defaultImports(RHMLAB_DEFAULT_IMPORTS)   // the same list as notebooks
    // Java 17 bytecode on the classpath (inline Kotlin from dsl/engine) needs a script target that can inline it.
    compilerOptions("-jvm-target", "17")
    jvm {
        dependenciesFromCurrentContext(wholeClasspath = true)
    }
    ide {
        acceptedLocations(ScriptAcceptedLocation.Everywhere)
    }
}) {
    private fun readResolve(): Any = RhmScriptCompilation
}

object RhmScriptEvaluation : ScriptEvaluationConfiguration({
    // Scripts share the host's classes (and so DJL's loaded natives) instead of loading their own copies.
    jvm {
        baseClassLoader(RhmScript::class.java.classLoader)
    }
}) {
    private fun readResolve(): Any = RhmScriptEvaluation
}

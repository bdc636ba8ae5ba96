package io.rhmlab.kernel.notebook

import io.rhmlab.engine.curve.LearningCurve
import java.util.concurrent.CopyOnWriteArrayList
import java.util.function.Consumer

/**
 * Settings applied to every curve declared with the Kotlin DSL (`learningCurve(task) { }`) before its block runs,
 * so a block can still override them. The notebook integration registers one that swaps the stderr progress line
 * for an updating display in the cell.
 */
object CurveHooks {
    private val hooks = CopyOnWriteArrayList<Consumer<LearningCurve>>()

    @JvmStatic
    fun add(hook: Consumer<LearningCurve>) {
        hooks += hook
    }

    @JvmStatic
    fun remove(hook: Consumer<LearningCurve>) {
        hooks -= hook
    }

    @JvmStatic
    fun applyTo(curve: LearningCurve) {
        for (h in hooks) h.accept(curve)
    }
}

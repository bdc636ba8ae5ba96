@file:JvmName("SparkDsl")

package io.rhmlab.spark

import io.rhmlab.dsl.experiment.LearningCurveSpec
import io.rhmlab.engine.curve.LearningCurve
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.store.RunStore

/**
 * Makes this curve train on Spark from now on, and returns it:
 * ```
 * val curve = declareCurve(task) { model = cnn { width = 64 }; sizes(256, 1024, 4096); seeds = 4 }
 *     .onSpark("local[2]")                              // or "spark://head:7077" { executorCores(8) }
 * val result = curve.run()                              // stored runs reused, the rest trained as Spark tasks
 * ```
 */
@JvmOverloads
fun LearningCurve.onSpark(master: String = SparkSweep.DEFAULT_MASTER, configure: SparkSweep.() -> Unit = {}): LearningCurve =
    SparkSweep.on(master).apply(configure).attach(this)

/** Runs this curve spec on Spark once, storing into [store]. */
@JvmOverloads
fun LearningCurveSpec.runOnSpark(store: RunStore, master: String = SparkSweep.DEFAULT_MASTER,
                                 configure: SparkSweep.() -> Unit = {}): LearningCurveResult =
    SparkSweep.on(master).apply(configure).run(this, store)

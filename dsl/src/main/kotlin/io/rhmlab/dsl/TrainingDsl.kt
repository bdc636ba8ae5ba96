package io.rhmlab.dsl

import io.rhmlab.dsl.train.Schedule
import io.rhmlab.dsl.train.Training
import io.rhmlab.dsl.train.TrainingBuilder

/**
 * Receiver of `train { sgd(lr = 0.1, momentum = 0.9); batch = 128; lossThreshold = 1e-3; maxEpochs = 300 }`.
 * [TrainingBuilder] needs its optimiser first, while a block may name it anywhere: assignments are recorded as
 * steps on the Java builder and replayed, in order, once the optimiser is known.
 */
@RhmDsl
class TrainingScope internal constructor() {
    private var optimiser: (() -> TrainingBuilder)? = null
    private val steps = mutableListOf<(TrainingBuilder) -> Unit>()

    private fun <T : Any> step(apply: TrainingBuilder.(T) -> Unit) = WriteThrough<T> { value -> steps += { it.apply(value) } }

    /** SGD at base rate [lr] (multiplied by H for the mean-field readout unless `scaleByWidth = false`). */
    fun sgd(lr: Double, momentum: Double = 0.9) {
        optimiser = { Training.sgd(lr).momentum(momentum) }
    }

    /** Adam at rate [lr]. */
    fun adam(lr: Double) {
        optimiser = { Training.adam(lr) }
    }

    /** Cosine annealing over 0.8·maxEpochs (old RHM reference). */
    fun cosine() {
        steps += { it.cosine() }
    }

    var batch: Int by step { batch(it) }
    var lossThreshold: Double by step { lossThreshold(it) }
    var checkEvery: Int by step { checkEvery(it) }
    var maxEpochs: Int by step { maxEpochs(it) }
    var weightDecay: Double by step { weightDecay(it) }
    var momentum: Double by step { momentum(it) }
    var scaleByWidth: Boolean by step { scaleByWidth(it) }
    var schedule: Schedule by step { schedule(it) }

    internal fun build(): Training {
        val start = optimiser ?: throw InvalidSpecException("optimizer", "train { } needs sgd(lr = ...) or adam(lr = ...)")
        val builder = start()
        steps.forEach { it(builder) }
        return builder.build()
    }
}

/** A training spec: `train { sgd(lr = 0.1, momentum = 0.9); batch = 128; maxEpochs = 300 }`. */
fun train(block: TrainingScope.() -> Unit): Training = TrainingScope().apply(block).build()

/** SGD with the reference defaults, optionally adjusted: `sgd(lr = 0.1, momentum = 0.9) { batch = 64 }`. */
fun sgd(lr: Double, momentum: Double = 0.9, block: TrainingScope.() -> Unit = {}): Training =
    train { sgd(lr, momentum); block() }

/** Adam with the reference defaults, optionally adjusted. */
fun adam(lr: Double, block: TrainingScope.() -> Unit = {}): Training =
    train { adam(lr); block() }

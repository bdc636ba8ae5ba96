package io.rhmlab.kernel.plot

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.experiment.LearningCurveSpec
import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.dsl.experiment.RunSpec
import io.rhmlab.dsl.experiment.SeedPolicy
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.train.Training
import io.rhmlab.engine.curve.CurveMember
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.train.Checkpoint
import io.rhmlab.engine.train.MemberResult
import io.rhmlab.engine.train.Status

/** One synthetic member of a curve: P, realisation, final test error, its history and measured tables. */
data class SyntheticMember @JvmOverloads constructor(
    val trainSize: Long,
    val seed: Int,
    val testError: Double,
    val history: List<Checkpoint> = emptyList(),
    val measurements: Map<Observable, Array<DoubleArray>> = emptyMap(),
    val status: Status = Status.CONVERGED,
)

/** An engine curve made of synthetic members, as the figures receive one from training or from a store. */
fun syntheticCurve(label: String, h: Hierarchy, arch: Architecture, members: List<SyntheticMember>): LearningCurveResult {
    val training = Training.sgd(0.1).batch(32).maxEpochs(40).build()
    val sizes = members.map { it.trainSize }.distinct().sorted()
    val spec = LearningCurveSpec(h, arch, training, sizes, members.maxOf { it.seed }, 1, SeedPolicy.NEW_RULES, null, null)
    return LearningCurveResult(spec, members.map { m ->
        val run = RunSpec(h, arch, training, m.trainSize, 1, m.seed.toLong())
        val result = MemberResult(run, m.status, m.testError, m.testError, 1e-3, 0.0, 40, 400, 1.0, "cpu()", m.history, null)
        CurveMember(m.seed, m.trainSize, "k${m.seed}-${m.trainSize}", result, false, m.measurements, emptyList())
    }, label)
}

package io.rhmlab.kernel.plot

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.net.Kind
import io.rhmlab.engine.curve.Scales

/** Which theory scale a figure divides P by, or draws as a guide (docs/science.md §2.E, §3.E). */
enum class Scale(val symbol: String) {
    /** n_c·m^L on the dense RHM; on the Sparse RHM, [LCN] for LCNs and FCNs and [CNN] for CNNs. */
    AUTO("auto"),
    /** n_c·m^L, a deep CNN's P* on the dense RHM. */
    RHM(Scales.RHM_NAME),
    /** (s0+1)^L·n_c·m^L, a locally connected network on the Sparse RHM. */
    LCN(Scales.LCN_NAME),
    /** (s0+1)²·n_c·m^L, a weight-sharing CNN on the Sparse RHM. */
    CNN(Scales.CNN_NAME),
    /** P_max, the number of distinct data (shallow and fully connected learners). */
    P_MAX("P_max");

    /** The concrete scale for a task and network ([AUTO] resolved). */
    fun resolve(h: Hierarchy, a: Architecture?): Scale = when {
        this != AUTO -> this
        !h.isSparse -> RHM
        a != null && a.kind() == Kind.CNN -> CNN
        else -> LCN
    }

    /** Its value for task [h] trained with [a]. */
    fun of(h: Hierarchy, a: Architecture?): Double = when (resolve(h, a)) {
        RHM -> h.sampleComplexityScale().toDouble()
        LCN -> h.lcnScale().toDouble()
        CNN -> h.cnnScale().toDouble()
        P_MAX -> h.maxSamples().toDouble()
        AUTO -> error("unreachable")
    }
}

/** The theory scale of this curve's task and network ([Scale.AUTO]: the one its P* is compared with). */
fun io.rhmlab.engine.curve.LearningCurveResult.scale(scale: Scale = Scale.AUTO): Double =
    scale.of(spec().hierarchy(), spec().architecture())

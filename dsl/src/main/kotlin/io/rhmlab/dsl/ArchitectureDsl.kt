package io.rhmlab.dsl

import io.rhmlab.dsl.data.Encoding
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.net.ArchitectureBuilder
import io.rhmlab.dsl.net.Bias
import io.rhmlab.dsl.net.Normalization
import io.rhmlab.dsl.net.Readout

/** Receiver of `cnn { }`, `lcn { }`, `fcn { }`: writes through to [ArchitectureBuilder]. */
@RhmDsl
class ArchitectureScope internal constructor(private val builder: ArchitectureBuilder) {
    /** H, channels (CNN, LCN) or units (FCN) per hidden layer. */
    var width: Int by WriteThrough { builder.width(it) }
    /** Hidden layers; tree-matched nets default to L, the FCN to 2. */
    var hiddenLayers: Int by WriteThrough { builder.hiddenLayers(it) }
    /** The old name of [hiddenLayers] ("depth" is the hierarchy's L). */
    @Deprecated("depth is the hierarchy's L; the network's is hiddenLayers", ReplaceWith("hiddenLayers"))
    var depth: Int by WriteThrough { builder.hiddenLayers(it) }
    var normalization: Normalization by WriteThrough { builder.normalization(it) }
    var readout: Readout by WriteThrough { builder.readout(it) }
    var bias: Bias by WriteThrough { builder.bias(it) }
    /** Input encoding: `Encoding.ONE_HOT`, `Encoding.CENTRED`, `Encoding.REFERENCE_SRHM` or any style × blank. */
    var input: Encoding by WriteThrough { builder.input(it) }
    /** A transformer's embedding dimension d (its [width]). */
    var embedding: Int by WriteThrough { builder.embedding(it) }
    /** A transformer's attention heads (default 4); they split d. */
    var heads: Int by WriteThrough { builder.heads(it) }

    /** The old RHM / SRHM reference parametrisation (÷√C_in, positional 0.1·b biases, mean-field readout). */
    fun referenceOld() {
        builder.referenceOld()
    }
}

private fun architecture(builder: ArchitectureBuilder, block: ArchitectureScope.() -> Unit): Architecture {
    ArchitectureScope(builder).block()
    return builder.build()
}

/** Hierarchical CNN, filter = stride = s(s0+1), weights shared across positions: `cnn { width = 256 }`. */
fun cnn(block: ArchitectureScope.() -> Unit = {}): Architecture = architecture(Architecture.cnn(), block)

/** Locally connected network on the same tree of receptive fields. */
fun lcn(block: ArchitectureScope.() -> Unit = {}): Architecture = architecture(Architecture.lcn(), block)

/** Fully connected network: `fcn { width = 512; hiddenLayers = 2 }`. */
fun fcn(block: ArchitectureScope.() -> Unit = {}): Architecture = architecture(Architecture.fcn(), block)

/** The fully connected network with as many units per layer as the LCN (the references' `fcn2`; kind FCN_LCN_UNITS). */
fun fcnLcnUnits(block: ArchitectureScope.() -> Unit = {}): Architecture = architecture(Architecture.fcnLcnUnits(), block)

/**
 * The reference's attention-only transformer (MLA) for the last-token task (docs/last-token.md §2):
 * `transformer { embedding = 32; heads = 4; hiddenLayers = 3 }`; hidden layers default to L.
 */
fun transformer(block: ArchitectureScope.() -> Unit = {}): Architecture = architecture(Architecture.transformer(), block)

/** The old name of [fcnLcnUnits]. */
@Deprecated("the same network as fcnLcnUnits", ReplaceWith("fcnLcnUnits(block)"))
fun fcnLikeLcn(block: ArchitectureScope.() -> Unit = {}): Architecture = fcnLcnUnits(block)

package io.rhmlab.kernel

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.InvalidSpecException
import io.rhmlab.dsl.Placement
import io.rhmlab.dsl.cnn
import io.rhmlab.dsl.fcn
import io.rhmlab.dsl.fcnLcnUnits
import io.rhmlab.dsl.fcnLikeLcn
import io.rhmlab.dsl.lcn
import io.rhmlab.dsl.rhm
import io.rhmlab.dsl.sgd
import io.rhmlab.dsl.sizesAround
import io.rhmlab.dsl.srhm
import io.rhmlab.dsl.train
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.net.Bias
import io.rhmlab.dsl.train.Training
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

/** The Kotlin builders are another syntax for the Java builders: same values, same validation. */
class KotlinBuildersTest {

    @Test
    fun `rhm block builds the hierarchy the Java builder builds`() {
        val kotlin = rhm { v = 8; classes = 8; m = 8; s = 2; L = 3; seed = 1 }
        val java = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(8).branching(2).depth(3).seed(1).build()
        assertThat(kotlin).isEqualTo(java)
        assertThat(rhm { vocabulary = 8; multiplicity = 8; depth = 3; seed = 1 }).isEqualTo(java)
    }

    @Test
    fun `srhm block builds the sparse hierarchy the Java builder builds`() {
        val kotlin = srhm { v = 4; classes = 4; m = 4; s = 2; L = 2; s0 = 1; placement = Placement.B; ruleSeed = 3; sampleSeed = 5 }
        val java = Hierarchy.srhm().v(4).classes(4).m(4).s(2).L(2).s0(1).placement(Placement.B).ruleSeed(3).sampleSeed(5).build()
        assertThat(kotlin).isEqualTo(java)
        assertThat(kotlin.placement()).isEqualTo(Placement.B)
    }

    @Test
    fun `replacement is the reference's sampling with replacement`() {
        val kotlin = rhm { v = 4; m = 2; L = 2; replacement = true }
        assertThat(kotlin).isEqualTo(Hierarchy.rhm().v(4).m(2).L(2).withReplacement().build())
        assertThat(kotlin.replacement()).isTrue()
        assertThat(rhm { v = 4; m = 2; L = 2; replacement = false }.replacement()).isFalse()
    }

    @Test
    fun `a bad block fails naming the parameter`() {
        assertThatThrownBy { rhm { v = 8; m = 9; L = 3 } }
            .isInstanceOf(InvalidSpecException::class.java)
            .hasMessageStartingWith("m: ")
        assertThatThrownBy { rhm { v = 8; m = 8 } }
            .isInstanceOf(InvalidSpecException::class.java)
            .hasMessageStartingWith("L: ")
    }

    @Test
    fun `a property reads back what the block assigned`() {
        var seen = 0
        rhm { v = 4; m = 2; L = 2; seen = v * m }
        assertThat(seen).isEqualTo(8)
    }

    @Test
    fun `architecture blocks build the Java architectures`() {
        assertThat(cnn { width = 256 }).isEqualTo(Architecture.cnn().width(256).build())
        assertThat(lcn { }).isEqualTo(Architecture.lcn().build())
        assertThat(lcn()).isEqualTo(Architecture.lcn().build())
        assertThat(fcn { width = 512; hiddenLayers = 3 }).isEqualTo(Architecture.fcn().width(512).hiddenLayers(3).build())
        assertThat(fcnLcnUnits { width = 8 }).isEqualTo(Architecture.fcnLcnUnits().width(8).build())
        assertThat(cnn { width = 64; referenceOld() }).isEqualTo(Architecture.cnn().width(64).referenceOld().build())
        assertThat(cnn { bias = Bias.SHARED }.bias()).isEqualTo(Bias.SHARED)
    }

    @Test
    @Suppress("DEPRECATION")
    fun `the old names build the same networks`() {
        assertThat(fcn { width = 512; depth = 3 }).isEqualTo(fcn { width = 512; hiddenLayers = 3 })
        assertThat(Architecture.fcn().depth(3).build()).isEqualTo(Architecture.fcn().hiddenLayers(3).build())
        assertThat(fcnLikeLcn { width = 8 }).isEqualTo(fcnLcnUnits { width = 8 })
        assertThat(Architecture.fcnLikeLcn().build()).isEqualTo(Architecture.fcnLcnUnits().build())
    }

    @Test
    fun `training blocks build the Java training`() {
        val java = Training.sgd(0.1).momentum(0.9).batch(128).lossThreshold(1e-3).maxEpochs(300).build()
        assertThat(train { sgd(lr = 0.1, momentum = 0.9); batch = 128; lossThreshold = 1e-3; maxEpochs = 300 }).isEqualTo(java)
        // the optimiser may come last: assignments are replayed on the Java builder once it is known
        assertThat(train { batch = 128; maxEpochs = 300; sgd(lr = 0.1) }).isEqualTo(java)
        assertThat(sgd(lr = 0.1, momentum = 0.9)).isEqualTo(Training.sgd(0.1).momentum(0.9).build())
        assertThat(sgd(lr = 0.1) { cosine(); weightDecay = 5e-4 })
            .isEqualTo(Training.sgd(0.1).cosine().weightDecay(5e-4).build())
        assertThat(io.rhmlab.dsl.adam(lr = 1e-3)).isEqualTo(Training.adam(1e-3).build())
    }

    @Test
    fun `train without an optimiser names it`() {
        assertThatThrownBy { train { batch = 64 } }
            .isInstanceOf(InvalidSpecException::class.java)
            .hasMessageStartingWith("optimizer: ")
    }

    @Test
    fun `sizesAround takes the papers' named arguments`() {
        val task = rhm { v = 4; m = 4; L = 3 }
        assertThat(task.sizesAround(from = 0.25, to = 16.0, points = 10)).containsExactly(*task.sizesAround(0.25, 16.0, 10))
    }
}

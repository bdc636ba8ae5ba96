package io.rhmlab.kernel

import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.dsl.InvalidSpecException
import io.rhmlab.dsl.experiment.Measures
import io.rhmlab.dsl.cnn
import io.rhmlab.dsl.rhm
import io.rhmlab.dsl.sizesAround
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.dsl.train.Training
import io.rhmlab.engine.curve.LearningCurve
import io.rhmlab.engine.curve.SampleComplexitySearch
import io.rhmlab.kernel.script.SampleComplexitySearchScope
import io.rhmlab.kernel.script.declareCurve
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test
import java.nio.file.Path

/** `learningCurve(task) { }` declares the same curve as the Java [LearningCurve] (checked without training). */
class LearningCurveDslTest {

    private val task = rhm { v = 8; classes = 8; m = 8; s = 2; L = 3; seed = 1 }

    @Test
    fun `the design's curve block is the Java curve`() {
        val kotlin = declareCurve(task) {
            model = cnn { width = 256 }
            train { sgd(lr = 0.1, momentum = 0.9); batch = 128; lossThreshold = 1e-3; maxEpochs = 300 }
            sizes = task.sizesAround(from = 0.25, to = 16.0, points = 10)
            seeds = 3
        }
        val java = LearningCurve.of(task)
            .model(Architecture.cnn().width(256))
            .training(Training.sgd(0.1).momentum(0.9).batch(128).lossThreshold(1e-3).maxEpochs(300))
            .sizes(task.sizesAround(0.25, 16.0, 10)).seeds(3)
        assertThat(kotlin.spec()).isEqualTo(java.spec())
        assertThat(kotlin.spec().runs()).hasSize(30)
    }

    @Test
    fun `the search block sets the Java search's knobs`() {
        val scope = SampleComplexitySearchScope(LearningCurve.of(task))
        assertThat(scope.pilotSeeds).isEqualTo(SampleComplexitySearch.DEFAULT_PILOT_SEEDS)
        scope.apply { tolerance = 0.3; pilotSeeds = 0; maxRounds = 4 }
        assertThat(scope.search).isEqualTo(SampleComplexitySearch.defaults().withTolerance(0.3).withPilotSeeds(0).withMaxRounds(4))
        assertThat(scope.search.pilotSeeds(2)).isEqualTo(2)   // 0 = every seed
        assertThatThrownBy { scope.pilotSeeds = -1 }.isInstanceOf(InvalidSpecException::class.java).hasMessageContaining("pilotSeeds")
    }

    @Test
    fun `listed sizes, fixed rules and test size reach the spec`() {
        val spec = declareCurve(task) {
            model = cnn { }
            training = io.rhmlab.dsl.sgd(lr = 0.1)
            sizes(4096, 1024, 2048)
            fixedRules()
            testSize = 500
        }.spec()
        assertThat(spec.sizes()).containsExactly(1024L, 2048L, 4096L)
        assertThat(spec.testSize()).isEqualTo(500)
        assertThat(spec.seedPolicy().name).isEqualTo("FIXED_RULES")
    }

    @Test
    fun `saveWeights reaches the curve`() {
        val curve = declareCurve(task) { model = cnn { }; sizes(1024); saveWeights = Path.of("weights") }
        assertThat(curve.savedWeightsDir()).contains(Path.of("weights"))
        assertThat(declareCurve(task) { model = cnn { }; sizes(1024) }.savedWeightsDir()).isEmpty()
    }

    @Test
    fun `the measure block reaches the spec, noise and the period included`() {
        val spec = declareCurve(task) {
            model = cnn { }
            training = io.rhmlab.dsl.sgd(lr = 0.1)
            sizes(1024)
            measure { synonymSensitivity(); noiseSensitivity(); everyEpochs = 10; baseSize = 200 }
        }.spec()
        val m = spec.measuresOrNone()
        assertThat(m).isEqualTo(Measures.parse("synonym,noise").atEpochs(10).withBaseSize(200))
        assertThat(m.contains(Observable.NOISE)).isTrue()
        assertThat(m.contains(Observable.DEFORMATIONS)).isFalse()
        assertThat(m.everyEpochs()).isEqualTo(10)
        assertThatThrownBy { declareCurve(task) { measure { everyEpochs = -1 } } }
            .isInstanceOf(InvalidSpecException::class.java)
            .hasMessageStartingWith("everyEpochs: ")
    }

    @Test
    fun `a curve without a model names it`() {
        assertThatThrownBy { declareCurve(task) { sizes(1024); training = io.rhmlab.dsl.sgd(lr = 0.1) }.spec() }
            .isInstanceOf(InvalidSpecException::class.java)
            .hasMessageStartingWith("architecture: ")
    }
}

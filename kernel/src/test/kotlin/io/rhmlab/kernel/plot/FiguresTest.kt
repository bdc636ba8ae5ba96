package io.rhmlab.kernel.plot

import io.rhmlab.dsl.cnn
import io.rhmlab.dsl.fcn
import io.rhmlab.dsl.rhm
import io.rhmlab.dsl.srhm
import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.train.Checkpoint
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.io.ByteArrayInputStream
import java.nio.file.Files
import java.nio.file.Path
import java.util.SplittableRandom
import javax.imageio.ImageIO
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.pow

/** Every figure renders to SVG and to a PNG that is not blank; the PNGs stay in target/figures-test to be looked at. */
@Tag("slow")
class FiguresTest {
    private val out: Path = Path.of("target", "figures-test")
    private val rng = SplittableRandom(7)

    private fun sigmoid(p: Double, pStar: Double, chance: Double, steep: Double = 4.0) = chance / (1 + (p / pStar).pow(steep))

    private fun synthetic(label: String, v: Int, L: Int, c: Double, arch: io.rhmlab.dsl.net.Architecture = cnn { width = 64 }, sizes: Int = 8): LearningCurveResult {
        val h = rhm { this.v = v; classes = v; m = v; s = 2; this.L = L; seed = 1 }
        val scale = h.sampleComplexityScale().toDouble()
        val chance = 1 - 1.0 / v
        val pts = ArrayList<SyntheticMember>()
        for (seed in 1..3) for (i in 0 until sizes) {
            val p = (scale * 0.25 * 2.0.pow(i)).toLong()
            val e = (sigmoid(p.toDouble(), c * scale * (0.8 + 0.4 * rng.nextDouble()), chance) + 0.01 * rng.nextDouble()).coerceIn(0.0, 1.0)
            val hist = (0..40 step 4).map { ep -> val f = exp(-ep / 10.0); Checkpoint(ep, ep * 10L, ln(v.toDouble()) * f + 1e-3, chance * f, e + (chance - e) * f) }
            pts += SyntheticMember(p, seed, e, hist)
        }
        return syntheticCurve(label, h, arch, pts)
    }

    private fun check(f: Figure, name: String) {
        val svg = f.toSvg()
        assertThat(svg).startsWith("<svg").contains("</svg>")
        val png = f.toPng()
        val img = ImageIO.read(ByteArrayInputStream(png))
        assertThat(img.width).isEqualTo((f.width * Figure.DEFAULT_PNG_SCALE).toInt())
        var dark = 0
        for (x in 0 until img.width step 3) for (y in 0 until img.height step 3) {
            val rgb = img.getRGB(x, y)
            if ((rgb shr 16 and 255) + (rgb shr 8 and 255) + (rgb and 255) < 600) dark++
        }
        assertThat(dark).describedAs("non-white pixels of $name").isGreaterThan(500)
        f.save(out, name)
        assertThat(Files.size(out.resolve("$name.png"))).isGreaterThan(10_000)
    }

    @Test
    fun learningCurveAndCollapseAndScaling() {
        val cnn = synthetic("CNN(H=64)", 4, 3, 2.5)
        val fcnCurve = synthetic("FCN(H=256)", 4, 3, 60.0, fcn { width = 256 })
        check(learningCurveFigure(listOf(cnn)), "learning-curve")
        check(learningCurveFigure(listOf(cnn, fcnCurve)), "learning-curves")
        // L = 3 throughout: at L = 2, P_max = m·n_c·m^L leaves no room for P up to 32·n_c·m^L
        val family = listOf(synthetic("v=4, L=3", 4, 3, 2.0), synthetic("v=5, L=3", 5, 3, 2.5), synthetic("v=6, L=3", 6, 3, 3.0), synthetic("v=8, L=3", 8, 3, 3.0))
        check(collapseFigure(family), "collapse")
        val scaling = pStarScalingFigure(family)
        check(scaling, "pstar-scaling")
        assertThat(PowerFit.of(family.mapNotNull { PStarPoint.of(it) }).slope).isBetween(0.7, 1.4)
        check(trainingDynamicsFigure(cnn), "training-dynamics")
    }

    @Test
    fun sensitivities() {
        val h = srhm { v = 4; classes = 4; m = 4; s = 2; L = 2; s0 = 1; seed = 1 }
        val arch = cnn { width = 64 }
        val scale = h.cnnScale().toDouble()
        val pts = ArrayList<SyntheticMember>()
        for (i in 0 until 8) {
            val p = (scale * 0.25 * 2.0.pow(i)).toLong()
            for (seed in 1..2) {
                val tables = listOf(Observable.SYNONYMS, Observable.DEFORMATIONS).associateWith { o ->
                    Array(3) { k0 -> DoubleArray(2) { l0 ->
                        val k = k0 + 1; val l = l0 + 1
                        val v = if (k >= l + 1) 0.05 + 0.95 / (1 + (p / (2 * scale)).pow(3)) else 1.0 - 0.05 * l
                        v * (if (o == Observable.DEFORMATIONS) 0.8 else 1.0) + 0.03 * rng.nextDouble()
                    } }
                }
                pts += SyntheticMember(p, seed, sigmoid(p.toDouble(), 2 * scale, 0.75), measurements = tables)
            }
        }
        val curve = syntheticCurve("CNN(H=64)", h, arch, pts)
        check(sensitivityFigure(curve), "sensitivity")
        check(keySensitivityFigure(curve), "sensitivity-key")
    }
}

package io.rhmlab.kernel.plot

import io.rhmlab.dsl.cnn
import io.rhmlab.dsl.fcn
import io.rhmlab.dsl.rhm
import io.rhmlab.dsl.srhm
import io.rhmlab.engine.train.Checkpoint
import org.assertj.core.api.Assertions.assertThat
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
class FiguresTest {
    private val out: Path = Path.of("target", "figures-test")
    private val rng = SplittableRandom(7)

    private fun sigmoid(p: Double, pStar: Double, chance: Double, steep: Double = 4.0) = chance / (1 + (p / pStar).pow(steep))

    private fun synthetic(label: String, v: Int, L: Int, c: Double, arch: io.rhmlab.dsl.net.Architecture = cnn { width = 64 }, sizes: Int = 8): CurveData {
        val h = rhm { this.v = v; classes = v; m = v; s = 2; this.L = L; seed = 1 }
        val scale = h.sampleComplexityScale().toDouble()
        val chance = 1 - 1.0 / v
        val pts = ArrayList<CurvePoint>()
        for (seed in 1..3) for (i in 0 until sizes) {
            val p = (scale * 0.25 * 2.0.pow(i)).toLong()
            val e = (sigmoid(p.toDouble(), c * scale * (0.8 + 0.4 * rng.nextDouble()), chance) + 0.01 * rng.nextDouble()).coerceIn(0.0, 1.0)
            val hist = (0..40 step 4).map { ep -> val f = exp(-ep / 10.0); Checkpoint(ep, ep * 10L, ln(v.toDouble()) * f + 1e-3, chance * f, e + (chance - e) * f) }
            pts += CurvePoint(p, seed, e, hist)
        }
        return CurveData(label, h, arch, pts)
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
        val family = listOf(synthetic("v=4, L=2", 4, 2, 2.0), synthetic("v=4, L=3", 4, 3, 2.5), synthetic("v=6, L=2", 6, 2, 3.0), synthetic("v=8, L=2", 8, 2, 3.0))
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
        val pts = ArrayList<SensitivityPoint>()
        val err = sortedMapOf<Long, Double>()
        for (i in 0 until 8) {
            val p = (scale * 0.25 * 2.0.pow(i)).toLong()
            err[p] = sigmoid(p.toDouble(), 2 * scale, 0.75)
            for (seed in 1..2) for (kind in listOf("S", "D")) for (k in 1..3) for (l in 1..2) {
                val v = if (k >= l + 1) 0.05 + 0.95 / (1 + (p / (2 * scale)).pow(3)) else 1.0 - 0.05 * l
                pts += SensitivityPoint(p, seed, kind, k, l, v * (if (kind == "D") 0.8 else 1.0) + 0.03 * rng.nextDouble())
            }
        }
        val curve = SensitivityCurve("CNN(H=64)", h, arch, pts, err)
        check(sensitivityFigure(curve), "sensitivity")
        check(keySensitivityFigure(curve), "sensitivity-key")
    }
}

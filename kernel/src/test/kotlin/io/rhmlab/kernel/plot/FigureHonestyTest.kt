package io.rhmlab.kernel.plot

import io.rhmlab.dsl.cnn
import io.rhmlab.dsl.lcn
import io.rhmlab.dsl.rhm
import io.rhmlab.dsl.srhm
import io.rhmlab.engine.curve.SampleComplexity
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.ggtitle
import org.jetbrains.letsPlot.themes.themeMinimal
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.ByteArrayInputStream
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO
import kotlin.math.pow

/**
 * What the figures claim: they compose with lets-plot, say which interval they draw, flag curves that cross the
 * threshold more than once, mark P* only where it exists, and keep one line per hierarchy × network. The PNGs stay
 * in target/figures-test to be looked at.
 */
@Tag("slow")
class FigureHonestyTest {
    private val out: Path = Path.of("target", "figures-test")
    private val task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 2; seed = 1 }

    /** A curve whose realisation `seed` has test error errors[seed - 1][i] at P = 16·2^i. */
    private fun curve(label: String, errors: List<List<Double>>, h: io.rhmlab.dsl.Hierarchy = task,
                      arch: io.rhmlab.dsl.net.Architecture = cnn { width = 64 }) =
        syntheticCurve(label, h, arch, errors.flatMapIndexed { s, es -> es.mapIndexed { i, e -> SyntheticMember(16L * 2.0.pow(i).toLong(), s + 1, e) } })

    @Suppress("UNCHECKED_CAST")
    private fun layers(f: Figure): List<Map<String, Any?>> = f.spec()["layers"] as List<Map<String, Any?>>

    @Suppress("UNCHECKED_CAST")
    private fun column(layer: Map<String, Any?>, name: String): List<Any?> = (layer["data"] as Map<String, List<Any?>>)[name] ?: emptyList()

    private fun subtitle(f: Figure): String = f.caption.substringAfter("; ")

    @Test
    fun aFigureTakesAnyLetsPlotFeatureAndSavesByExtension(@TempDir dir: Path) {
        val f = learningCurveFigure(listOf(curve("CNN", listOf(listOf(0.7, 0.4, 0.05, 0.01)))))
        val titled = f + ggtitle("My own title") + themeMinimal()
        assertThat(titled.plot).isInstanceOf(Plot::class.java)
        assertThat(titled.spec().toString()).contains("My own title").contains("minimal")
        assertThat(f.spec().toString()).doesNotContain("My own title")          // the original is unchanged
        assertThat(titled.toSvg()).contains("My own title")

        val svg = titled.save(dir.resolve("f.svg"))
        assertThat(Files.readString(svg)).startsWith("<svg").contains("My own title")
        val png = ImageIO.read(ByteArrayInputStream(Files.readAllBytes(titled.save(dir.resolve("sub/f.png")))))
        assertThat(png.width).isEqualTo((f.width * Figure.DEFAULT_PNG_SCALE).toInt())
        val html = Files.readString(titled.save(dir.resolve("f.html")))
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script")
        assertThatThrownBy { titled.save(dir.resolve("f.pdf")) }.isInstanceOf(IllegalArgumentException::class.java)
            .hasMessageStartingWith("file: ").hasMessageContaining("f.pdf")

        val grid = trainingDynamicsFigure(syntheticCurve("CNN", task, cnn { width = 64 }, listOf(SyntheticMember(16, 1, 0.1,
            listOf(io.rhmlab.engine.train.Checkpoint(0, 0, 1.0, 0.7, 0.7), io.rhmlab.engine.train.Checkpoint(10, 10, 0.1, 0.1, 0.2))))))
        assertThat((grid + themeMinimal()).spec().toString()).contains("minimal")
    }

    /** On a Sparse RHM the subtitle divides P* by the network's theory scale, the one the command line's P* line uses. */
    @Test
    fun theSubtitleReadsPStarInTheCommandLinesScale() {
        val sparse = srhm { v = 4; classes = 4; m = 4; s = 2; L = 2; s0 = 1; seed = 1 }
        for (arch in listOf(lcn { width = 16 }, cnn { width = 16 })) {
            val c = curve("net", listOf(listOf(0.7, 0.3, 0.05, 0.0), listOf(0.7, 0.5, 0.05, 0.0)), sparse, arch)
            val name = io.rhmlab.engine.curve.Scales.theoryScaleName(sparse, arch)
            val ratio = c.pStarReading().value() / io.rhmlab.engine.curve.Scales.theoryScale(sparse, arch).toDouble()
            assertThat(subtitle(learningCurveFigure(c))).contains(name).contains(fmt(ratio) + " " + name)
        }
    }

    @Test
    fun belowFiveRealisationsTheIntervalIsTheirRangeAndSaysSo() {
        // per-seed P*: each realisation crosses 10 % at a different P
        val three = curve("CNN", listOf(listOf(0.7, 0.05, 0.01, 0.0), listOf(0.7, 0.5, 0.05, 0.0), listOf(0.7, 0.5, 0.3, 0.05)))
        val r = three.pStarReading()
        assertThat(r.interval().kind()).isEqualTo(SampleComplexity.Interval.Kind.RANGE)
        assertThat(r.realisations()).isEqualTo(3)
        val perSeed = r.perSeed().map { it.samples() }
        assertThat(r.lower()).isEqualTo(perSeed.min())
        assertThat(r.upper()).isEqualTo(perSeed.max())
        assertThat(r.intervalLabel()).isEqualTo("min–max over 3 realisations")
        val f = learningCurveFigure(listOf(three))
        assertThat(subtitle(f)).contains("min–max over 3 realisations").doesNotContain("bootstrap")
        check(f, "honest-range")

        val five = curve("CNN", (1..5).map { s -> listOf(0.7, 0.5 - 0.08 * s, 0.04, 0.0) })
        val r5 = five.pStarReading()
        assertThat(r5.interval().kind()).isEqualTo(SampleComplexity.Interval.Kind.BOOTSTRAP)
        assertThat(r5.intervalLabel()).isEqualTo("95 % bootstrap over 5 realisations")
        assertThat(subtitle(learningCurveFigure(listOf(five)))).contains("95 % bootstrap")

        val one = curve("CNN", listOf(listOf(0.7, 0.3, 0.05, 0.0)))
        assertThat(subtitle(learningCurveFigure(listOf(one)))).contains("(one realisation)").doesNotContain("bootstrap").doesNotContain("bar:")
    }

    /** The threshold a command reads P* at is the one its figure draws: dotted line, diamond, caption. */
    @Test
    fun theRequestedThresholdReachesTheFigure() {
        val c = curve("CNN", listOf(listOf(0.7, 0.3, 0.15, 0.05), listOf(0.7, 0.4, 0.18, 0.06)))
        val at20 = c.withThreshold(0.2)
        val r10 = c.sampleComplexity(); val r20 = at20.sampleComplexity()
        assertThat(r20.value()).isLessThan(r10.value())
        val f = learningCurveFigure(at20)
        val lines = layers(f).filter { it["geom"] == "hline" }.map { it["yintercept"] }
        assertThat(lines).contains(0.2).doesNotContain(0.1)
        val diamond = layers(f).single { it["shape"] == 23.0 }
        assertThat(column(diamond, "error")).containsExactly(0.2)
        assertThat(column(diamond, "P").single() as Double).isCloseTo(r20.value(), org.assertj.core.api.Assertions.within(1e-9))
        assertThat(subtitle(f)).contains("final test error 0.2").doesNotContain("0.1 ")
        assertThat(layers(collapseFigure(listOf(at20))).filter { it["geom"] == "hline" }.map { it["yintercept"] }).contains(0.2).doesNotContain(0.1)
        // one figure, one threshold: curves read at different ε are refused, not drawn against one line
        assertThatThrownBy { learningCurveFigure(listOf(c, at20.withLabel("other"))) }
            .isInstanceOf(IllegalArgumentException::class.java).hasMessageContaining("different thresholds")
    }

    /** A P that only some realisations have (a search's pilot) is an open square off the median line, and said so. */
    @Test
    fun pointsOfFewerRealisationsAreDrawnApartFromTheMedianLine() {
        val members = listOf(SyntheticMember(16, 1, 0.7), SyntheticMember(32, 1, 0.5), SyntheticMember(32, 2, 0.4),
            SyntheticMember(64, 1, 0.08), SyntheticMember(64, 2, 0.05), SyntheticMember(128, 1, 0.01))
        val c = syntheticCurve("CNN", task, cnn { width = 64 }, members)
        assertThat(c.incompleteSizes()).containsExactly(16L, 128L)
        val f = learningCurveFigure(c)
        val squares = layers(f).single { it["shape"] == 22.0 }
        assertThat(column(squares, "P")).containsExactly(16.0, 128.0)
        val line = layers(f).single { it["geom"] == "line" }
        assertThat(column(line, "P")).containsExactly(32.0, 64.0)
        assertThat(subtitle(f).replace(Regex("\\s+"), " ")).contains("□ median of fewer realisations")
    }

    @Test
    fun aCurveThatClimbsBackAboveTheThresholdIsFlagged() {
        // L = 3: P_max = 4^8 leaves room for P = 256 and a test set
        val bumpy = curve("CNN", listOf(listOf(0.7, 0.08, 0.2, 0.02, 0.01)), rhm { v = 4; classes = 4; m = 4; s = 2; L = 3; seed = 1 })
        val r = bumpy.pStarReading()
        assertThat(r.crossed()).isTrue()
        assertThat(r.nonMonotone()).isTrue()
        assertThat(r.recrossings()).containsExactly(64L)
        assertThat(r.value()).isLessThan(32.0)                 // P* is the first crossing
        val f = learningCurveFigure(listOf(bumpy))
        assertThat(subtitle(f)).contains("non-monotone: back above ε at P = 64")
        val triangles = layers(f).filter { it["shape"] == 24.0 }
        assertThat(triangles).hasSize(1)
        assertThat(column(triangles.single(), "P")).containsExactly(64.0)
        check(f, "honest-non-monotone")

        val smooth = curve("CNN", listOf(listOf(0.7, 0.3, 0.08, 0.02, 0.01)), rhm { v = 4; classes = 4; m = 4; s = 2; L = 3; seed = 1 })
        assertThat(smooth.pStarReading().nonMonotone()).isFalse()
        assertThat(layers(learningCurveFigure(listOf(smooth))).filter { it["shape"] == 24.0 }).isEmpty()
        assertThat(collapseFigure(listOf(bumpy, smooth.withLabel("smooth"))).caption).contains("non-monotone (error back above ε after crossing): CNN")
    }

    @Test
    fun onlyCurvesThatCrossGetAPStarMarkerAndNoMarkerEntersTheLegend() {
        val crosses = curve("CNN", listOf(listOf(0.7, 0.3, 0.05, 0.01), listOf(0.7, 0.4, 0.06, 0.02)))
        val never = curve("FCN", listOf(listOf(0.7, 0.7, 0.6, 0.5), listOf(0.7, 0.7, 0.65, 0.55)), arch = io.rhmlab.dsl.fcn { width = 64 })
        val f = learningCurveFigure(listOf(crosses, never))
        val diamonds = layers(f).filter { it["shape"] == 23.0 }
        assertThat(diamonds).hasSize(1)
        assertThat(column(diamonds.single(), "curve")).containsExactly("CNN")
        assertThat(diamonds.single()["show_legend"]).isEqualTo(false)
        assertThat(layers(f).filter { it["geom"] == "segment" }.map { it["show_legend"] }).containsOnly(false)
        check(f, "honest-markers")
    }

    @Test
    fun twoLcnCurvesOfDifferentTasksAreTwoLinesWithLabelledChanceLines() {
        val v6 = srhm { v = 6; classes = 6; m = 6; s = 2; L = 2; s0 = 1; seed = 1 }
        val v10 = srhm { v = 10; classes = 10; m = 10; s = 2; L = 2; s0 = 1; seed = 1 }
        val a = lcn { width = 128 }
        fun sig(p: Double, pStar: Double, chance: Double) = chance / (1 + (p / pStar).pow(3))
        fun c(h: io.rhmlab.dsl.Hierarchy) = syntheticCurve(a.label(), h, a, (1..2).flatMap { seed ->
            (0 until 7).map { i ->
                val p = (h.lcnScale().toDouble() * 0.25 * 2.0.pow(i)).toLong()
                SyntheticMember(p, seed, sig(p.toDouble(), 2.0 * h.lcnScale().toDouble() * (0.9 + 0.2 * seed), 1 - 1.0 / h.classes()))
            }
        })
        val curves = listOf(c(v6), c(v10))
        assertThat(curves.map { it.label }.distinct()).hasSize(1)          // the store's labels collide
        val labels = seriesLabels(curves)
        assertThat(labels).containsExactly("${a.label()} · v=6, n_c=6, m=6", "${a.label()} · v=10, n_c=10, m=10")

        val f = collapseFigure(curves)
        val lines = layers(f).filter { it["geom"] == "line" }
        assertThat(lines).hasSize(1)
        assertThat(column(lines.single(), "curve").distinct()).containsExactlyElementsOf(labels)
        @Suppress("UNCHECKED_CAST")
        val colour = (f.spec()["scales"] as List<Map<String, Any?>>).single { it["aesthetic"] == "color" }
        assertThat(colour["limits"] as List<*>).containsExactlyElementsOf(labels)
        val texts = layers(f).filter { it["geom"] == "text" }.flatMap { column(it, "t") }
        assertThat(texts).contains("chance, n_c = 6", "chance, n_c = 10")
        val ys = layers(f).filter { it["geom"] == "text" }.flatMap { column(it, "y") }.map { it as Double }.sorted()
        assertThat(ys.zipWithNext { p, q -> q - p }).allMatch { it >= 0.04 }
        check(f, "honest-collapse-two-lcn")
        check(learningCurveFigure(curves), "honest-two-lcn-curves")
    }

    @Test
    fun chanceLinesTooCloseToLabelOneByOneShareOneLabel() {
        val tasks = listOf(8, 9, 10).map { n -> rhm { v = n; classes = n; m = 2; s = 2; L = 3; seed = 1 } }
        val curves = tasks.map { h -> syntheticCurve("CNN", h, cnn { width = 64 }, (0 until 5).map { i -> SyntheticMember(8L shl i, 1, 0.9 - 0.2 * i) }) }
        val f = collapseFigure(curves)
        val texts = layers(f).filter { it["geom"] == "text" }.flatMap { column(it, "t") }.map { it.toString() }
        assertThat(texts.filter { it.startsWith("chance") }.joinToString(" | ")).contains("8").contains("9").contains("10")
        val ys = layers(f).filter { it["geom"] == "text" }.flatMap { column(it, "y") }.map { it as Double }.sorted()
        assertThat(ys.zipWithNext { p, q -> q - p }).allMatch { it >= 0.04 }
        check(f, "honest-close-chance-lines")
    }

    @Test
    fun longSubtitlesAreWrappedToTheFigureWidth() {
        val text = (1..40).joinToString(" ") { "word$it" }
        val wrapped = wrap(text, 720)
        assertThat(wrapped.split("\n")).hasSizeGreaterThan(1).allMatch { it.length <= 720 / 6.6 }
        assertThat(wrapped.replace("\n   ", " ")).isEqualTo(text)
        val many = (1..4).map { n -> curve("a rather long network label number $n", listOf(listOf(0.7, 0.3 + 0.01 * n, 0.05, 0.01), listOf(0.7, 0.4, 0.06, 0.02))) }
        val f = learningCurveFigure(many)
        assertThat(subtitle(f).split("\n")).allMatch { it.length <= 720 / 6.6 }
        check(f, "honest-long-subtitle")
    }

    private fun check(f: Figure, name: String) {
        val img = ImageIO.read(ByteArrayInputStream(f.toPng()))
        assertThat(img.width).isEqualTo((f.width * Figure.DEFAULT_PNG_SCALE).toInt())
        f.save(out, name)
    }
}

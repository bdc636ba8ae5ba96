package io.rhmlab.kernel.plot

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.engine.train.Status
import io.rhmlab.kernel.notebook.RhmlabIntegration
import org.assertj.core.api.Assertions.assertThat
import org.jetbrains.letsPlot.awt.plot.PlotSvgExport
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

/**
 * Notebook figures: interactive lets-plot HTML when the user's lets-plot script was found (the tooltips, the PNG
 * fallback), static PNG + SVG when it was not.
 */
@Tag("slow")
class InteractiveFigureTest {
    private val task = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build()
    private val curve = syntheticCurve("CNN(H=32)", task, Architecture.cnn().width(32).build(), listOf(
        SyntheticMember(16, 1, 0.60), SyntheticMember(16, 2, 0.55, status = Status.MAX_EPOCHS),
        SyntheticMember(64, 1, 0.20), SyntheticMember(64, 2, 0.12),
        SyntheticMember(256, 1, 0.02, measurements = mapOf(Observable.SYNONYMS to arrayOf(doubleArrayOf(0.8), doubleArrayOf(0.2), doubleArrayOf(0.1)))),
        SyntheticMember(256, 2, 0.03, measurements = mapOf(Observable.SYNONYMS to arrayOf(doubleArrayOf(0.7), doubleArrayOf(0.3), doubleArrayOf(0.1)))),
    ))

    @Test
    fun letsPlotJsVersionIsTheJvmSidesRelease() {
        // the user's script must draw specs processed by plot-stem / platf-awt: the lookup accepts that release line
        val jar = PlotSvgExport::class.java.protectionDomain.codeSource.location.path
        assertThat(Path.of(jar).fileName.toString()).isEqualTo("platf-awt-jvm-${LetsPlotJs.VERSION}.jar")
    }

    @Test
    fun aLearningCurveCarriesTooltipsBuiltFromItsMembers() {
        val html = learningCurveFigure(curve).toInteractiveHtml("PNG")
        // the median at P = 64: 0.16, spread 0.12–0.20 over two seeds; at P = 16 one member hit the epoch cap
        assertThat(html).contains("buildPlotFromProcessedSpecs", "median test error", "spread", "seeds", "epochs", "stopped")
            .contains("\"0.160\"", "0.120–0.200 (min–max of 2)", "\"1, 2\"", "1 converged, 1 epoch cap")
            .contains("src=\"data:image/png;base64,PNG\"")
            .doesNotContain("http://", "https://", "<script src")
    }

    @Test
    fun sensitivitiesCarryTooltipsToo() {
        val html = sensitivityFigure(curve).toInteractiveHtml("PNG")
        assertThat(html).contains("S_{2,1}", "median", "spread", "0.200–0.300 (min–max of 2)")
    }

    @Test
    fun withAScriptTheNotebookGetsHtmlWithThePngInsideAndThePngAlone(@TempDir dir: Path) {
        val r = RhmlabIntegration.figureResult(learningCurveFigure(curve), "text", interactive = true)
        assertThat(r.keys).containsExactly("text/html", "image/png", "text/plain")
        assertThat(r["text/html"]).contains(r["image/png"])
        // the library output embeds the user's script as read (a stand-in here), never a link to one
        val js = Files.writeString(dir.resolve("lets-plot-4.1.0.min.js"), "window.LetsPlot = { $STAND_IN };\n//# sourceMappingURL=x.map\n")
        val script = LetsPlotJs.find(emptyMap(), mapOf(LetsPlotJs.PROPERTY to js.toString()), emptyList()).script!!
        assertThat(LetsPlotJs.libraryHtml(script)).contains(STAND_IN, "rhmlabFigures", "lets-plot 4.1.0")
            .doesNotContain("<script src", "sourceMappingURL", "http://", "https://")
    }

    @Test
    fun withoutAScriptFiguresAreStaticPngAndSvgAsBefore() {
        LetsPlotJs.active = null   // what `%use rhmlab` leaves when it finds no script
        val r = RhmlabIntegration.figureResult(learningCurveFigure(curve))
        assertThat(r.keys).containsExactly("image/png", "image/svg+xml", "text/plain")
        assertThat(r["image/svg+xml"]).contains("<svg")
        assertThat(r.values.joinToString()).doesNotContain("<script", "buildPlotFromProcessedSpecs", "rhmlab-figure")
    }

    private companion object {
        /** What the lookup reads in a script, and nothing of lets-plot's code. */
        const val STAND_IN = "buildPlotFromProcessedSpecs: function () {}"
    }
}

package io.rhmlab.kernel.notebook;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration inside the real Kotlin kernel REPL: imports, hierarchy view, progress display, figures (static
 * without a lets-plot script, interactive with one), DataFrames.
 */
@Tag("slow")
class NotebookReplTest {

    @Test
    void integrationRendersSpecsCurvesAndFigures() throws Exception {
        // no lets-plot script, whatever this machine has installed: figures as static PNG + SVG, no HTML. (The line
        // `%use rhmlab` prints then is displayed while the library loads, which this embedded REPL does not pass on.)
        List<Map<String, Object>> cells = withLetsPlotJs("none", NotebookReplTest::runCurveCells);
        assertThat((List<String>) cells.get(0).get("result")).contains("text/html", "text/plain");
        assertThat(String.valueOf(cells.get(0).get("text"))).contains("n_c·m^L=64").contains("class");
        assertThat((List<String>) cells.get(1).get("result")).containsExactly("image/png", "image/svg+xml", "text/plain");
        assertThat((List<String>) cells.get(2).get("result")).containsExactly("image/png", "image/svg+xml", "text/plain");
        assertThat((List<Integer>) cells.get(2).get("pngBytes")).allSatisfy(n -> assertThat(n).isGreaterThan(20_000));
        // results as a DataFrame, shown as a table, and dataframe's API imported by the integration
        assertThat((List<String>) cells.get(3).get("result")).containsExactly("text/html", "text/plain");
        assertThat(String.valueOf(cells.get(3).get("text"))).contains("test_error").contains("status");
        assertThat(String.valueOf(cells.get(4).get("text"))).isEqualTo("1");
    }

    @Test
    void withALetsPlotScriptFiguresAreInteractive(@TempDir Path dir) throws Exception {
        // a stand-in for the user's lets-plot 4.1 script: only what the lookup reads (its name, the entry point)
        Path js = Files.writeString(dir.resolve("lets-plot-4.1.0.min.js"),
                "window.LetsPlot = { buildPlotFromProcessedSpecs: function () {} };  // rhmlab test stand-in\n");
        List<Map<String, Object>> cells = withLetsPlotJs(js.toString(), () -> NotebookRepl.run(List.of(
                "io.rhmlab.kernel.plot.LetsPlotJs.active?.version",
                "io.rhmlab.kernel.plot.Figure(org.jetbrains.letsPlot.letsPlot(mapOf(\"x\" to listOf(1, 2), \"y\" to listOf(1, 4))) + "
                        + "org.jetbrains.letsPlot.geom.geomPoint { x = \"x\"; y = \"y\" }, \"dots\", 300, 200)")));
        // %use rhmlab took the script (and put it on the page: not observable in this embedded REPL)
        assertThat(String.valueOf(cells.get(0).get("text"))).isEqualTo("4.1.0");
        assertThat((List<String>) cells.get(1).get("result")).containsExactly("text/html", "image/png", "text/plain");
    }

    @Test
    void longTrainingShowsAnUpdatingProgressDisplay() throws Exception {
        List<Map<String, Object>> cells = withLetsPlotJs("none", NotebookReplTest::runCurveCells);
        assertThat((List<?>) cells.get(1).get("displays")).describedAs("progress display").isNotEmpty();
        assertThat((Integer) cells.get(1).get("updates")).isPositive();
    }

    interface Cells {
        List<Map<String, Object>> run() throws Exception;
    }

    /** Runs [cells] with the system property that names the lets-plot script (read by `%use rhmlab`) set to [value]. */
    private static List<Map<String, Object>> withLetsPlotJs(String value, Cells cells) throws Exception {
        String before = System.getProperty("rhmlab.letsPlotJs");
        System.setProperty("rhmlab.letsPlotJs", value);
        try {
            return cells.run();
        } finally {
            if (before == null) System.clearProperty("rhmlab.letsPlotJs"); else System.setProperty("rhmlab.letsPlotJs", before);
        }
    }

    private static List<Map<String, Object>> runCurveCells() throws Exception {
        String store = java.nio.file.Files.createTempDirectory("nb-store").resolve("runs.sqlite").toString();
        return NotebookRepl.run(List.of(
                // DeviceChoice (engine.train) and RunStore: the scripts' default imports are the notebooks' too
                "val device = DeviceChoice.CPU\nval file = RunStore.DEFAULT_FILE\nval task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 2; seed = 1 }\ntask",
                "val curve = learningCurve(task) {\n model = cnn { width = 32 }\n train { sgd(lr = 0.1, momentum = 0.9); batch = 32; maxEpochs = 5 }\n"
                        + " sizes(32, 64)\n seeds = 1\n testSize = 64\n store(\"" + store + "\")\n}\ncurve",
                "learningCurveFigure(curve)",
                "curve.toDataFrame()",
                "curve.toDataFrame().filter { \"P\"<Int>() == 64 }.rowsCount()"));
    }
}

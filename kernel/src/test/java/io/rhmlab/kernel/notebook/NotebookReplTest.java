package io.rhmlab.kernel.notebook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The integration inside the real Kotlin kernel REPL: imports, hierarchy view, progress display, figures as PNG + SVG. */
class NotebookReplTest {

    @Test
    void integrationRendersSpecsCurvesAndFigures() throws Exception {
        List<Map<String, Object>> cells = runCurveCells();
        assertThat((List<String>) cells.get(0).get("result")).contains("text/html", "text/plain");
        assertThat(String.valueOf(cells.get(0).get("text"))).contains("n_c·m^L=64").contains("class");
        assertThat((List<String>) cells.get(1).get("result")).containsExactly("image/png", "image/svg+xml", "text/plain");
        assertThat((List<String>) cells.get(2).get("result")).contains("image/png", "image/svg+xml");
        assertThat((List<Integer>) cells.get(2).get("pngBytes")).allSatisfy(n -> assertThat(n).isGreaterThan(20_000));
    }

    @Test
    void longTrainingShowsAnUpdatingProgressDisplay() throws Exception {
        List<Map<String, Object>> cells = runCurveCells();
        assertThat((List<?>) cells.get(1).get("displays")).describedAs("progress display").isNotEmpty();
        assertThat((Integer) cells.get(1).get("updates")).isPositive();
    }

    private static List<Map<String, Object>> runCurveCells() throws Exception {
        String store = java.nio.file.Files.createTempDirectory("nb-store").resolve("runs.sqlite").toString();
        return NotebookRepl.run(List.of(
                // DeviceChoice (engine.train) and RunStore: the scripts' default imports are the notebooks' too
                "val device = DeviceChoice.CPU\nval file = RunStore.DEFAULT_FILE\nval task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 2; seed = 1 }\ntask",
                "val curve = learningCurve(task) {\n model = cnn { width = 32 }\n train { sgd(lr = 0.1, momentum = 0.9); batch = 32; maxEpochs = 5 }\n"
                        + " sizes(32, 64)\n seeds = 1\n testSize = 64\n store(\"" + store + "\")\n}\ncurve",
                "learningCurveFigure(curve)"));
    }
}

package io.rhmlab.kernel.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every numbered notebook of notebooks/ (01-…05-) executed cell by cell in the Kotlin kernel's REPL, in process, with
 * {@code RHMLAB_NOTEBOOK_SCALE=ci} (set for this module's tests in its pom): each notebook's parameters cell then takes
 * its tiny values and a fresh temporary run store. The code of the committed notebooks compiles and runs against the current API, and every
 * cell whose committed output is a figure renders a PNG again (unless marked {@code // figure at full size only}).
 * {@code %use rhmlab} is left out: the integration is loaded from the class loader here.
 */
@Tag("slow")
class NotebooksTest {

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsQuickAndRendersItsFigures() throws Exception {
        Path folder = Path.of("..", "notebooks");
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(folder)) {
            notebooks = s.filter(p -> p.getFileName().toString().matches("0[1-9]-.*\\.ipynb")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> runQuick(nb)));
    }

    @SuppressWarnings("unchecked")
    private static void runQuick(Path notebook) throws Exception {
        JsonNode json = new ObjectMapper().readTree(notebook.toFile());
        List<String> cells = new ArrayList<>();
        List<Boolean> expectsFigure = new ArrayList<>();
        int committedImages = 0;
        for (JsonNode c : json.path("cells")) {
            if (!"code".equals(c.path("cell_type").asText())) continue;
            StringBuilder src = new StringBuilder();
            for (JsonNode line : c.path("source")) src.append(line.asText());
            String code = src.toString().replaceAll("(?m)^%use rhmlab\\s*$", "").strip();
            if (code.isEmpty()) continue;
            boolean figure = false;
            for (JsonNode o : c.path("outputs")) figure |= o.path("data").has("image/png");
            if (figure) committedImages++;
            // a figure that needs the full sizes (e.g. one drawn only where P* is crossed) says so in its cell
            if (code.contains("// figure at full size only")) figure = false;
            cells.add(code);
            expectsFigure.add(figure);
        }
        assertThat(committedImages).as(notebook + " is committed executed, with its figures").isPositive();

        // without it the notebooks would train at full size (tens of minutes) and into notebooks/notebooks.sqlite
        assertThat(System.getenv("RHMLAB_NOTEBOOK_SCALE")).as("RHMLAB_NOTEBOOK_SCALE (kernel/pom.xml, surefire)").isEqualTo("ci");
        assertThat(cells.get(0)).as("the parameters cell of " + notebook).contains("System.getenv(\"RHMLAB_NOTEBOOK_SCALE\") == \"ci\"");
        List<Map<String, Object>> out = NotebookRepl.run(cells);
        for (int i = 0; i < cells.size(); i++) {
            if (!expectsFigure.get(i)) continue;
            Map<String, Object> r = out.get(i);
            assertThat((List<String>) r.get("result")).as("cell %d of %s:%n%s", i + 1, notebook, cells.get(i)).contains("image/png");
            assertThat((List<Integer>) r.get("pngBytes")).allSatisfy(n -> assertThat(n).isGreaterThan(10_000));
        }
    }
}

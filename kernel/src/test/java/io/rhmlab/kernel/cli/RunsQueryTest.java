package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.DeviceChoice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** runs list --where, runs show --json, runs rm and the CSV columns, on a store of 4 tiny runs (CNN, FCN × P = 32, 64). */
@Tag("slow")
class RunsQueryTest {

    @TempDir
    static Path dir;
    static Path store;

    @BeforeAll
    static void fourRuns() {
        store = dir.resolve("runs.sqlite");
        Hierarchy task = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).seed(1).build();
        for (Architecture net : new Architecture[]{Architecture.cnn().width(8).build(), Architecture.fcn().width(6).depth(2).build()}) {
            LearningCurve.of(task).model(net).training(Training.sgd(0.1).batch(32).maxEpochs(2).checkEvery(1))
                    .sizes(new long[]{32, 64}).seeds(1).testSize(64).device(DeviceChoice.CPU).progress(false).store(store).run();
        }
    }

    private static List<StoredRun> stored() {
        try (RunStore s = RunStore.open(store)) {
            return s.list();
        }
    }

    @Test
    void whereFiltersInThePapersNotation() {
        CliRun cnn = CliRun.of("runs", "list", "--store", store.toString(), "--where", "arch=cnn");
        assertThat(cnn.exitCode()).as(cnn.err()).isZero();
        assertThat(cnn.out()).contains("CNN(H=8)").doesNotContain("FCN(").contains("2 runs of 4 match");
        CliRun both = CliRun.of("runs", "list", "--store", store.toString(), "--where", "width=6", "--where", "P=64", "--where", "v=4");
        assertThat(both.out()).contains("FCN(H=6)").doesNotContain("CNN(").contains("1 runs of 4 match");
        CliRun none = CliRun.of("runs", "list", "--store", store.toString(), "--where", "L=3");
        assertThat(none.out()).startsWith("no runs match L=3 (4 in ");
        CliRun status = CliRun.of("runs", "list", "--store", store.toString(), "--where", "status=max_epochs", "--where", "lr=0.10");
        assertThat(status.out()).contains("4 runs of 4 match");
    }

    @Test
    void anUnknownWhereKeyIsOneLine() {
        CliRun run = CliRun.of("runs", "list", "--store", store.toString(), "--where", "colour=red");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: where: unknown key 'colour' (keys: id, v, n_c, m, s, L, s0,").hasLineCount(1);
        CliRun noEquals = CliRun.of("runs", "list", "--store", store.toString(), "--where", "arch");
        assertThat(noEquals.err()).startsWith("error: where: expected KEY=VALUE, got 'arch'");
    }

    @Test
    void showJsonIsOneParsableObject() throws Exception {
        StoredRun r = stored().get(0);
        CliRun run = CliRun.of("runs", "show", r.id(), "--json", "--store", store.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("id").asText()).isEqualTo(r.id());
        assertThat(json.path("key").asText()).isEqualTo(r.key());
        assertThat(json.path("spec").path("hierarchy").path("vocabulary").asInt()).isEqualTo(4);
        assertThat(json.path("result").path("epochs").asInt()).isEqualTo(2);
        assertThat(json.path("result").path("testError").asDouble()).isEqualTo(r.testError());
        assertThat(json.path("history").isArray()).isTrue();
        assertThat(json.path("history")).hasSize(r.history().size());
        assertThat(json.path("versions").path("djl").asText()).isEqualTo("0.36.0");
    }

    @Test
    void exportColumnsAreThePapersSymbols() throws Exception {
        Path csv = dir.resolve("runs.csv");
        CliRun run = CliRun.of("runs", "export", "--csv", csv.toString(), "--store", store.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).startsWith("id", "key", "v", "n_c", "m", "s", "L", "s0")
                .contains("arch", "H", "P", "P_test", "seed", "status", "test_error", "curve_seed_rules", "seed_policy", "realisation")
                .noneMatch(c -> c.contains("."));
        List<String> fcn = lines.stream().filter(l -> l.contains(",FCN,")).map(l -> List.of(l.split(",")))
                .map(cells -> cells.get(header.indexOf("H")) + "/" + cells.get(header.indexOf("P"))).sorted().toList();
        assertThat(fcn).containsExactly("6/32", "6/64");
    }

    @Test
    void rmRemovesTheNamedRunsAndChecksEveryIdFirst() {
        Path copy = dir.resolve("rm.sqlite");
        try (RunStore from = RunStore.open(store); RunStore to = RunStore.open(copy)) {
            for (StoredRun r : from.list()) to.put(r.toResult());
        }
        List<StoredRun> runs;
        try (RunStore s = RunStore.open(copy)) {
            runs = s.list();
        }
        CliRun bad = CliRun.of("runs", "rm", runs.get(0).id(), "abcdef123456", "--store", copy.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: id: no run abcdef123456");
        CliRun ok = CliRun.of("runs", "rm", runs.get(0).id(), runs.get(1).id(), "--store", copy.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("removed 2 runs from ");
        try (RunStore s = RunStore.open(copy)) {
            assertThat(s.list()).extracting(StoredRun::key).containsExactly(runs.get(2).key(), runs.get(3).key());
        }
    }
}

package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny curve end to end on the CPU: trained, stored, served again, listed, shown and exported. */
@Tag("slow")
class CurveCommandTest {

    @TempDir
    Path dir;

    @Test
    void aCurveIsStoredAndASecondRunReusesIt() throws Exception {
        String store = dir.resolve("runs.sqlite").toString();
        String[] curve = {"curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8",
                "--sizes", "32,64", "--seeds", "2", "--max-epochs", "3", "--check-every", "1", "--test", "64",
                "--device", "cpu", "--threads", "1", "--store", store};
        CliRun first = CliRun.of(curve);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("4 trained, 0 reused").containsPattern("(?m)^ ?32 +0\\.500 ")
                .contains("P*");
        // the figures of this curve, as printed, land beside the store
        assertThat(first.out()).contains("figures of this curve: ").contains("runs-figures");
        Path png = dir.resolve("runs-figures").resolve("curve-rhm-v4-nc4-m4-s2-L2-cnn-h-8.png");
        Path svg = dir.resolve("runs-figures").resolve("curve-rhm-v4-nc4-m4-s2-L2-cnn-h-8.svg");
        assertThat(png).isNotEmptyFile();
        assertThat(java.nio.file.Files.readString(svg)).contains("final test error 0.1");

        // another threshold: the line, the caption and the JSON all say it
        String[] at = java.util.Arrays.copyOf(curve, curve.length + 3);
        at[curve.length] = "--threshold";
        at[curve.length + 1] = "0.84";
        at[curve.length + 2] = "--json";
        CliRun other = CliRun.of(at);
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(new ObjectMapper().readTree(other.out().substring(other.out().indexOf('{'))).path("pStar").path("threshold").asDouble())
                .isEqualTo(0.84);
        assertThat(java.nio.file.Files.readString(svg)).contains("final test error 0.84").doesNotContain("final test error 0.1");

        String[] again = java.util.Arrays.copyOf(curve, curve.length + 1);
        again[curve.length] = "--json";
        CliRun second = CliRun.of(again);
        assertThat(second.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(second.out().substring(second.out().indexOf('{')));
        assertThat(json.path("points")).hasSize(2);
        assertThat(json.path("points").get(0).path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.path("points").get(1).path("members")).hasSize(2)
                .allSatisfy(m -> assertThat(m.path("reused").asBoolean()).isTrue());
        assertThat(json.path("pStar").path("outcome").asText()).isNotEmpty();
        assertThat(json.path("pStar").path("interval").asText()).as("2 seeds: a range, not a bootstrap").isEqualTo("min-max");

        CliRun list = CliRun.of("runs", "list", "--store", store);
        assertThat(list.out()).contains("4 runs in");
        Matcher id = Pattern.compile("(?m)^([0-9a-f]{12}) ").matcher(list.out());
        assertThat(id.find()).isTrue();
        CliRun show = CliRun.of("runs", "show", id.group(1), "--store", store);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("status   MAX_EPOCHS").contains("\"trainSize\"").contains("train loss");
        // provenance: the exact software versions, and the results semantics the run was computed under
        assertThat(show.out()).contains("versions rhmlab ").contains("DJL 0.36.0").contains("semantics 3 (current)");
    }

    @Test
    void divergedMembersAreShownCountedAndLeftOut() throws Exception {
        // a learning rate of 10^30 (×H) sends every member's loss to infinity within its first epoch
        String store = dir.resolve("diverged.sqlite").toString();
        CliRun run = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8", "--lr", "1e30",
                "--sizes", "32", "--seeds", "2", "--max-epochs", "3", "--check-every", "1", "--test", "64",
                "--device", "cpu", "--threads", "1", "--store", store);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 DIVERGED (left out of medians and P*)").contains("non-finite training loss")
                .containsPattern("(?m)^ ?32 .*DIVERGED +DIVERGED");
        assertThat(run.out()).contains("P* undefined: no realisation has data");
        CliRun json = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8", "--lr", "1e30",
                "--sizes", "32", "--seeds", "2", "--max-epochs", "3", "--check-every", "1", "--test", "64",
                "--device", "cpu", "--threads", "1", "--store", store, "--json");
        JsonNode root = new ObjectMapper().readTree(json.out().substring(json.out().indexOf('{')));
        assertThat(root.path("diverged").asInt()).isEqualTo(2);
        assertThat(root.path("points").get(0).path("medianTestError").isNull()).isTrue();
        assertThat(root.path("points").get(0).path("members")).allSatisfy(m -> {
            assertThat(m.path("status").asText()).isEqualTo("DIVERGED");
            assertThat(m.path("excluded").asBoolean()).isTrue();
            assertThat(m.path("testError").isNull()).isTrue();
        });
    }

    @Test
    void sensitivitiesIncludingNoiseAreMeasuredAtTheEndAndDuringTraining() throws Exception {
        String store = dir.resolve("measured.sqlite").toString();
        CliRun run = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8",
                "--sizes", "32", "--seeds", "1", "--max-epochs", "2", "--test", "32", "--device", "cpu", "--threads", "1",
                "--measure", "synonym,noise", "--measure-every", "1", "--store", store, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out().substring(run.out().indexOf('{')));
        JsonNode sens = json.path("sensitivities");
        // a dense RHM has no placements: S and G, no D (asking for D on it is bad input, BadInputTest)
        assertThat(sens.has("synonymSensitivity")).isTrue();
        assertThat(sens.has("diffeoSensitivity")).isFalse();
        JsonNode g = sens.path("noiseSensitivity").path("medianByP").path("32");
        assertThat(g).hasSize(3);   // G_1, G_2, G_out
        assertThat(g.get(1)).hasSize(1);
        assertThat(g.get(1).get(0).asDouble()).isPositive();
        assertThat(sens.path("synonymSensitivity").path("pStar").path("outcome").asText()).isNotEmpty();
        JsonNode series = json.path("points").get(0).path("members").get(0).path("duringTraining");
        assertThat(series).hasSize(3);   // epochs 0, 1, 2
        assertThat(series.get(2).path("epoch").asInt()).isEqualTo(2);
        assertThat(series.get(2).path("noiseSensitivity")).hasSize(3);
        assertThat(json.path("spec").path("measures").path("everyEpochs").asInt()).isEqualTo(1);

        CliRun text = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8",
                "--sizes", "32", "--seeds", "1", "--max-epochs", "2", "--test", "32", "--device", "cpu", "--threads", "1",
                "--measure", "noise", "--measure-every", "1", "--store", store);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("0 trained, 1 reused").contains("G_{out}").contains("during training (every 1 epochs)");

        CliRun bad = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--sizes", "32", "--measure-every", "2",
                "--store", store);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: measure-every: ").hasLineCount(1);
    }

    @Test
    void trainPrintsOneRowPerSeed() {
        CliRun run = CliRun.of("train", "--v", "4", "--m", "4", "--L", "2", "--arch", "fcn", "--width", "8",
                "--train", "32", "--test", "32", "--model-seeds", "1,2,3", "--max-epochs", "2", "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("FCN(H=8, 2 hidden layers)").containsPattern("(?m)^ +3 +MAX_EPOCHS ");
    }

    /** The P* line names its interval: the min–max range below 5 realisations, a 95 % bootstrap from 5 on. */
    @Test
    void thePStarLineSaysWhatItsIntervalIs() {
        io.rhmlab.dsl.Hierarchy h = io.rhmlab.dsl.Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).seed(1).build();
        io.rhmlab.dsl.net.Architecture cnn = io.rhmlab.dsl.net.Architecture.cnn().build();
        String two = CurveCommand.pStarLine(estimate(1200, 2500), h, cnn);
        assertThat(two).startsWith("P* = ").contains("min–max over 2 realisations [1200, 2500]").doesNotContain("95");
        String five = CurveCommand.pStarLine(estimate(700, 800, 900, 1000, 1300), h, cnn);
        assertThat(five).contains("95 % bootstrap over 5 realisations [");
        // on a Sparse RHM, in the network's theory scale, as the curve's figures read it
        io.rhmlab.dsl.Hierarchy sparse = io.rhmlab.dsl.Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2)
                .sparsity(1).seed(1).build();
        assertThat(CurveCommand.pStarLine(estimate(1200, 2500), sparse, io.rhmlab.dsl.net.Architecture.lcn().build()))
                .contains(String.format("P*/((s0+1)^L·n_c·m^L) = %.3g", Math.sqrt(1200 * 2500.0) / sparse.lcnScale().doubleValue()));
        assertThat(CurveCommand.pStarLine(estimate(1200, 2500), sparse, cnn)).contains("P*/((s0+1)²·n_c·m^L) = ");
    }

    private static io.rhmlab.engine.curve.PStarReading estimate(double... pStars) {
        java.util.List<io.rhmlab.engine.curve.PStar> values = new java.util.ArrayList<>();
        java.util.List<Integer> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < pStars.length; i++) {
            values.add(new io.rhmlab.engine.curve.PStar(io.rhmlab.engine.curve.PStar.Outcome.CROSSED, pStars[i], "test"));
            seeds.add(i + 1);
        }
        var median = io.rhmlab.engine.curve.SampleComplexity.median(values);
        return new io.rhmlab.engine.curve.PStarReading(io.rhmlab.engine.curve.PStarCriterion.DEFAULT, median,
                io.rhmlab.engine.curve.SampleComplexity.interval(values, 0.95), seeds, values, median, java.util.List.of(), 0);
    }
}

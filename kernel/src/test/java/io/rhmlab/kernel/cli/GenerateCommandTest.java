package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.engine.store.SpecJson;
import org.junit.jupiter.api.Tag;
import io.rhmlab.dsl.testing.NumpyPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class GenerateCommandTest {

    @TempDir
    Path dir;

    /** {@code rhmlab generate ARGS --out FILE}, FILE in this test's folder. */
    private CliRun generate(String file, String... args) {
        List<String> line = new ArrayList<>(List.of("generate"));
        line.addAll(List.of(args));
        line.addAll(List.of("--out", dir.resolve(file).toString()));
        return CliRun.of(line.toArray(String[]::new));
    }

    @Test
    void writesTheDataAndEveryRuleTableWithNumpyShapes() throws Exception {
        CliRun run = generate("data.npz", "rhm", "--v", "8", "--classes", "6", "--m", "4", "--s", "2", "--L", "3",
                "--train", "1000", "--test", "200", "--seed-rules", "3", "--seed-sample", "4");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("d=8", "P_max=", "n_c·m^L=384", "train 1000", "test 200");

        var e = NpyEntries.read(dir.resolve("data.npz")).entries();
        assertThat(e).containsOnlyKeys("spec", "x_train", "y_train", "x_test", "y_test", "rules_0", "rules_1", "rules_2");
        assertThat(e.get("spec").descr()).isEqualTo("|u1");
        assertThat(e.get("x_train").shape()).containsExactly(1000, 8);
        assertThat(e.get("x_train").descr()).isEqualTo("|u1");
        assertThat(e.get("y_train").shape()).containsExactly(1000);
        assertThat(e.get("x_test").shape()).containsExactly(200, 8);
        assertThat(e.get("y_test").shape()).containsExactly(200);
        assertThat(e.get("rules_0").shape()).containsExactly(6, 4, 2);    // class level: n_c rows
        assertThat(e.get("rules_1").shape()).containsExactly(8, 4, 2);    // feature levels: v rows
        assertThat(e.get("rules_2").shape()).containsExactly(8, 4, 2);
        assertThat(e.values()).noneMatch(NpyEntries.Header::fortranOrder);
    }

    @Test
    void theSpecEntryRebuildsTheHierarchyWithItsSeeds() throws Exception {
        CliRun run = generate("sparse.npz", "srhm", "--v", "4", "--m", "4", "--L", "2", "--s0", "1", "--placement", "B",
                "--train", "50", "--test", "10", "--seed-rules", "5", "--seed-sample", "9");
        assertThat(run.exitCode()).isZero();
        String json;
        try (ZipFile zip = new ZipFile(dir.resolve("sparse.npz").toFile())) {
            json = npyPayload(zip.getInputStream(zip.getEntry("spec.npy")).readAllBytes());
        }
        JsonNode spec = SpecJson.tree(json);
        Hierarchy h = SpecJson.mapper().treeToValue(spec.get("hierarchy"), Hierarchy.class);
        assertThat(h).isEqualTo(Hierarchy.srhm().vocabulary(4).multiplicity(4).depth(2).sparsity(1)
                .placement(Placement.B).seed(5).sampleSeed(9).build());
        assertThat(spec.get("trainSize").asInt()).isEqualTo(50);
        assertThat(spec.get("testSize").asInt()).isEqualTo(10);
        assertThat(spec.get("replacement").asBoolean()).isFalse();
        assertThat(spec.get("family").asText()).isEqualTo("srhm");
        assertThat(spec.get("rhmlab").asText()).isEqualTo(new Version().getVersion()[0].replace("rhmlab ", ""));
        assertThat(json).isEqualTo(SpecJson.write(spec));   // canonical: sorted keys, no whitespace
    }

    @Test
    void numpyReadsTheSpecBesideTheArrays() throws Exception {
        String python = NumpyPython.require();
        assertThat(generate("data.npz", "rhm", "--v", "4", "--m", "4", "--L", "2", "--train", "30", "--test", "5",
                "--seed-rules", "3", "--seed-sample", "4").exitCode()).isZero();
        String script = "import json, sys, numpy as np\n"
                + "f = np.load(sys.argv[1])\n"
                + "s = json.loads(f['spec'].tobytes().decode('utf-8'))\n"
                + "h = s['hierarchy']\n"
                + "print(f['spec'].dtype, h['vocabulary'], h['ruleSeed'], h['sampleSeed'], s['trainSize'], f['x_train'].shape, s['rhmlab'])\n";
        Process p = new ProcessBuilder(python, "-c", script, dir.resolve("data.npz").toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).describedAs(text).isZero();
        assertThat(text).isEqualTo("uint8 4 3 4 30 (30, 4) " + new Version().getVersion()[0].replace("rhmlab ", ""));
    }

    /** The payload of an .npy entry: after the magic, version, header length and header. */
    private static String npyPayload(byte[] npy) {
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        return new String(npy, 10 + headerLength, npy.length - 10 - headerLength, StandardCharsets.UTF_8);
    }

    @Test
    void aSparseHierarchyHasBlanksInItsLength() throws Exception {
        CliRun run = generate("sparse.npz", "srhm", "--v", "4", "--m", "4", "--L", "2", "--s0", "1", "--placement", "B",
                "--train", "50", "--test", "10");
        assertThat(run.exitCode()).isZero();
        assertThat(NpyEntries.read(dir.resolve("sparse.npz")).entries().get("x_train").shape()).containsExactly(50, 16);   // (s(s0+1))^L
    }

    @Test
    void badMultiplicityNamesM() {
        CliRun run = generate("x.npz", "rhm", "--v", "8", "--m", "9", "--L", "3", "--train", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: m: ").doesNotContain("\tat ").hasLineCount(1);
        assertThat(Files.exists(dir.resolve("x.npz"))).isFalse();
    }

    @Test
    void missingDepthNamesL() {
        CliRun run = generate("x.npz", "rhm", "--v", "8", "--m", "8", "--train", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Missing required option: '--L=L'").hasLineCount(1);
    }

    @Test
    void anUnparsableNumberNamesItsFlag() {
        CliRun run = generate("x.npz", "rhm", "--v", "8", "--m", "many", "--L", "3", "--train", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--m").contains("many").hasLineCount(1);
    }

    @Test
    void tooManyDataForPMaxNamesTheSizes() {
        CliRun run = generate("x.npz", "rhm", "--v", "2", "--m", "1", "--L", "1", "--train", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: P_train: ");
    }

    @Test
    void theKindAndTheSparsityMustAgree() {
        CliRun dense = generate("x.npz", "rhm", "--v", "4", "--m", "4", "--L", "2", "--s0", "1", "--train", "5");
        assertThat(dense.exitCode()).isEqualTo(2);
        assertThat(dense.err()).startsWith("error: s0: ");
        CliRun sparse = generate("x.npz", "srhm", "--v", "4", "--m", "4", "--L", "2", "--train", "5");
        assertThat(sparse.exitCode()).isEqualTo(2);
        assertThat(sparse.err()).startsWith("error: s0: ");
    }
}

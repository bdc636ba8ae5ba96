package io.rhmlab.dsl.io;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.grammar.Rules;
import io.rhmlab.dsl.testing.NumpyPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class NpzTest {
    private static final Hierarchy SPEC = Hierarchy.srhm().v(4).classes(3).m(2).s(2).L(2).s0(1).placement(Placement.B).seed(4).build();

    record Npy(String header, byte[] data) {
        ByteBuffer le() {
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** A minimal .npz reader: entry name → (header dict, raw data). */
    static Map<String, Npy> read(Path path) throws IOException {
        Map<String, Npy> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] all = zip.readAllBytes();
                assertThat(all[0] & 0xff).isEqualTo(0x93);
                assertThat(new String(all, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
                assertThat(all[6]).isEqualTo((byte) 1);
                int len = (all[8] & 0xff) | (all[9] & 0xff) << 8;
                assertThat((10 + len) % 64).isZero();
                String header = new String(all, 10, len, StandardCharsets.US_ASCII);
                byte[] data = java.util.Arrays.copyOfRange(all, 10 + len, all.length);
                out.put(e.getName().replace(".npy", ""), new Npy(header, data));
            }
        }
        return out;
    }

    @Test
    void datasetArchiveReadsBackInJava(@TempDir Path dir) throws IOException {
        Rules rules = Rules.draw(SPEC);
        Dataset data = Dataset.sample(SPEC, rules, 300, 50);
        Path file = dir.resolve("data.npz");
        Npz.write(file, data, rules);
        Map<String, Npy> arrays = read(file);
        assertThat(arrays.keySet()).containsExactly("x_train", "y_train", "x_test", "y_test", "rules_0", "rules_1");
        assertThat(arrays.get("x_train").header()).contains("'descr': '|u1'").contains("'shape': (300, 16)").contains("'fortran_order': False");
        assertThat(arrays.get("x_train").data()).isEqualTo(data.train().toByteArray());
        assertThat(arrays.get("x_test").data()).isEqualTo(data.test().toByteArray());
        assertThat(arrays.get("y_train").header()).contains("'<i8'").contains("(300,)");
        ByteBuffer y = arrays.get("y_train").le();
        for (int i = 0; i < 300; i++) assertThat(y.getLong()).isEqualTo(data.train().label(i));
        assertThat(arrays.get("rules_0").header()).contains("'<i4'").contains("(3, 2, 2)");
        assertThat(arrays.get("rules_1").header()).contains("(4, 2, 2)");
        ByteBuffer r1 = arrays.get("rules_1").le();
        int[][][] table = rules.table(1);
        for (int[][] row : table) for (int[] rule : row) for (int x : rule) assertThat(r1.getInt()).isEqualTo(x);
    }

    @Test
    void numpyLoadsTheArchive(@TempDir Path dir) throws Exception {
        String python = NumpyPython.require();
        Rules rules = Rules.draw(SPEC);
        Dataset data = Dataset.sample(SPEC, rules, 200, 40);
        Path file = dir.resolve("data.npz");
        Npz.write(file, data, rules);
        String script = "import numpy as np, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "x = z['x_train']; y = z['y_train']; r = z['rules_1']\n"
                + "print(x.dtype, x.shape, y.dtype, y.shape, r.dtype, r.shape, z['x_test'].shape, int(x[7].sum()), int(y.sum()), int(r.sum()))\n";
        Process p = new ProcessBuilder(python, "-c", script, file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        int tokenSum = 0;
        for (byte b : data.train().datum(7)) tokenSum += b & 0xff;
        long labelSum = 0;
        for (int l : data.train().labels()) labelSum += l;
        int ruleSum = 0;
        for (int[][] row : rules.table(1)) for (int[] rule : row) for (int x : rule) ruleSum += x;
        assertThat(out).isEqualTo("uint8 (200, 16) int64 (200,) int32 (4, 2, 2) (40, 16) " + tokenSum + " " + labelSum + " " + ruleSum);
    }

    @Test
    void headersArePaddedToSixtyFourBytes() {
        assertThat(Npz.header("<i8", new int[]{5}).length % 64).isZero();
        assertThat(Npz.header("|u1", new int[]{123456789, 4096}).length % 64).isZero();
    }
}

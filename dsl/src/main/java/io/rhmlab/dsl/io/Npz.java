package io.rhmlab.dsl.io;

import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy {@code .npz} archives: a zip of uncompressed {@code .npy} v1.0 arrays (little-endian, C order),
 * as {@code numpy.savez} does, readable by {@code numpy.load}. Entries are stored, not deflated, so large token
 * arrays are written at disk speed; zip64 is used automatically beyond 4 GiB.
 */
public final class Npz {
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, String dtype, int[] shape, Payload payload) {
    }

    /** Writes the array bytes (already little-endian) to a stream. */
    @FunctionalInterface
    private interface Payload {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a dataset for Python: {@code x_train}, {@code x_test} (uint8 [N, d], blank = v), {@code y_train},
     * {@code y_test} (int64 [N]) and {@code rules_0 .. rules_{L−1}} (int32 [rows, m, s], rules_0 = class level).
     */
    public static void write(Path path, Dataset dataset, Rules rules) throws IOException {
        write(path, dataset, rules, null);
    }

    /**
     * As {@link #write(Path, Dataset, Rules)}, plus an entry {@code spec}: the JSON text that produced the data
     * (uint8 bytes of UTF-8), so that a file found later still says how it was drawn. Python reads it with
     * {@code json.loads(np.load(f)["spec"].tobytes())}. {@code specJson} null: no such entry.
     */
    public static void write(Path path, Dataset dataset, Rules rules, String specJson) throws IOException {
        Npz npz = new Npz();
        if (specJson != null) npz.text("spec", specJson);
        npz.tokens("x_train", dataset.train()).labels("y_train", dataset.train());
        npz.tokens("x_test", dataset.test()).labels("y_test", dataset.test());
        for (int t = 0; t < rules.depths(); t++) {
            int[][][] table = rules.table(t);
            int[] flat = Arrays.stream(table).flatMap(Arrays::stream).flatMapToInt(Arrays::stream).toArray();
            npz.int32("rules_" + t, flat, table.length, rules.hierarchy().multiplicity(), rules.hierarchy().branching());
        }
        npz.writeTo(path);
    }

    /** uint8 tokens [N, d]. */
    public Npz tokens(String name, Tokens tokens) {
        int[] shape = {tokens.size(), tokens.length()};
        return add(name, "|u1", shape, out -> {
            ByteBuffer buffer = tokens.buffer();
            byte[] chunk = new byte[1 << 16];
            while (buffer.hasRemaining()) {
                int n = Math.min(chunk.length, buffer.remaining());
                buffer.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        });
    }

    /** int64 labels [N]. */
    public Npz labels(String name, Tokens tokens) {
        return int64(name, tokens.labels(), tokens.size());
    }

    /** An int64 array of the given values (widened), C order. */
    public Npz int64(String name, int[] values, int... shape) {
        return integers(name, "<i8", Long.BYTES, values, shape);
    }

    /** An int32 array, C order. */
    public Npz int32(String name, int[] values, int... shape) {
        return integers(name, "<i4", Integer.BYTES, values, shape);
    }

    /** {@code values} as little-endian integers of {@code bytes} bytes (8 or 4), written 4096 at a time. */
    private Npz integers(String name, String dtype, int bytes, int[] values, int[] shape) {
        checkShape(name, values.length, shape);
        return add(name, dtype, shape, out -> {
            ByteBuffer buffer = ByteBuffer.allocate(bytes << 12).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                if (!buffer.hasRemaining()) flush(buffer, out);
                if (bytes == Long.BYTES) buffer.putLong(v);
                else buffer.putInt(v);
            }
            flush(buffer, out);
        });
    }

    /** A text as a 1-D uint8 array of its UTF-8 bytes (NumPy has no portable string dtype without pickling). */
    public Npz text(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return uint8(name, bytes, bytes.length);
    }

    /** A uint8 array, C order. */
    public Npz uint8(String name, byte[] values, int... shape) {
        checkShape(name, values.length, shape);
        return add(name, "|u1", shape, out -> out.write(values));
    }

    public void writeTo(Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".part");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            for (Entry e : entries) {
                byte[] header = header(e.dtype, e.shape);
                // a stored entry needs its size and CRC before its bytes: one pass to measure, one to write
                CRC32 crc = new CRC32();
                long[] size = {0};
                OutputStream measure = new OutputStream() {
                    @Override
                    public void write(int b) {
                        crc.update(b);
                        size[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        crc.update(b, off, len);
                        size[0] += len;
                    }
                };
                measure.write(header);
                e.payload.writeTo(measure);
                ZipEntry entry = new ZipEntry(e.name + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(size[0]);
                entry.setCompressedSize(size[0]);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(header);
                e.payload.writeTo(zip);
                zip.closeEntry();
            }
        }
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The .npy v1.0 header: magic, version, header length, a Python dict padded to a multiple of 64 bytes. */
    static byte[] header(String dtype, int[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) dims.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        dims.append(")");
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String padded = dict + " ".repeat(total - unpadded) + "\n";
        if (padded.length() > 65535) throw new IllegalArgumentException("npy header too long");
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) padded.length());
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private Npz add(String name, String dtype, int[] shape, Payload payload) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("array name '" + name + "' is not an identifier");
        if (entries.stream().anyMatch(e -> e.name.equals(name))) throw new IllegalArgumentException("array '" + name + "' added twice");
        entries.add(new Entry(name, dtype, shape.clone(), payload));
        return this;
    }

    private static void checkShape(String name, int length, int[] shape) {
        long product = 1;
        for (int s : shape) product *= s;
        if (product != length) throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + product + " values, not " + length);
    }

    private static void flush(ByteBuffer buffer, OutputStream out) throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}

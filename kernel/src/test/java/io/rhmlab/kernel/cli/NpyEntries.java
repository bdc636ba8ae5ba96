package io.rhmlab.kernel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the .npy headers of an .npz archive independently of the writer: entry name (without .npy) ↦ dtype
 * descriptor and shape, as numpy would see them.
 */
record NpyEntries(Map<String, Header> entries) {

    record Header(String descr, long[] shape, boolean fortranOrder) {
        @Override
        public String toString() {
            return descr + Arrays.toString(shape);
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static NpyEntries read(Path npz) throws IOException {
        Map<String, Header> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName().replaceFirst("\\.npy$", ""), header(in));
                }
            }
        }
        return new NpyEntries(out);
    }

    private static Header header(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length != 8 || (magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException("not an .npy entry");
        }
        int major = magic[6];
        int length = major == 1 ? (in.read() | in.read() << 8)
                : (in.read() | in.read() << 8 | in.read() << 16 | in.read() << 24);
        String dict = new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict), o = ORDER.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !o.find() || !s.find()) throw new IOException("malformed .npy header: " + dict);
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        return new Header(d.group(1), shape, Boolean.parseBoolean(o.group(1).toLowerCase()));
    }
}

package io.rhmlab.engine.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module archive written from source text, for {@code JniUtils.loadModule}: libtorch compiles the
 * code of {@code code/__torch__.py} when it loads the archive, so a module needs no Python to exist. The archive
 * holds a module of class {@code __torch__.<name>} without parameters or buffers (tensors are passed to its
 * methods), pickled as its one attribute {@code training}. docs/architecture.md, "The scripted step".
 */
final class TorchScriptArchive {

    /**
     * The file-format version written: the newest libtorch 2.7 reads. A version tells the loader which operator
     * semantics the code was written for; with the newest, no old-semantics upgrader rewrites it.
     */
    static final String FORMAT_VERSION = "10";

    private TorchScriptArchive() {
    }

    /** The archive of a module {@code className} whose class body (TorchScript, indented by two) is {@code body}. */
    static byte[] of(String className, String body) {
        if (!className.matches("[A-Za-z][A-Za-z0-9_]*")) throw new IllegalArgumentException("class name " + className);
        String code = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + body;
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            stored(z, "archive/data.pkl", moduleObject(className));
            stored(z, "archive/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(z, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
            stored(z, "archive/version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip.toByteArray();
    }

    /** Pickle (protocol 2) of an object of class {@code __torch__.<name>} whose state is {training: True}. */
    private static byte[] moduleObject(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);                                                  // PROTO 2
        p.write(2);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')');                                                   // EMPTY_TUPLE
        p.write(0x81);                                                  // NEWOBJ
        p.write('}');                                                   // EMPTY_DICT
        p.write('(');                                                   // MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');                                                   // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x88);                                                  // NEWTRUE
        p.write('u');                                                   // SETITEMS
        p.write('b');                                                   // BUILD
        p.write('.');                                                   // STOP
        return p.toByteArray();
    }

    /** Uncompressed entries: libtorch's reader maps records as they are. */
    private static void stored(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }
}

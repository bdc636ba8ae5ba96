package io.rhmlab.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The software that produced a run, part of its key: a result computed by another rhmlab, DJL or PyTorch is a
 * different result (numerics and defaults change between versions).
 *
 * @param rhmlab  this library
 * @param djl     the DJL API / engine
 * @param pytorch the libtorch the engine binds to
 */
public record RunVersions(String rhmlab, String djl, String pytorch) {

    /**
     * rhmlab's version. A constant rather than the jar manifest, so the key of a run is the same whether the
     * engine runs from its jar, from {@code target/classes} or inside a notebook; a test keeps it equal to the
     * Maven project version.
     */
    public static final String RHMLAB = "0.1.0-SNAPSHOT";

    private static final RunVersions CURRENT = detect();

    /** The versions on this class path, read from DJL's engine resource (no native library is loaded). */
    public static RunVersions current() {
        return CURRENT;
    }

    private static RunVersions detect() {
        Properties p = new Properties();
        try (InputStream in = RunVersions.class.getClassLoader().getResourceAsStream("pytorch-engine.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DJL's pytorch-engine.properties", e);
        }
        return new RunVersions(RHMLAB, p.getProperty("djl_version", "unknown"), p.getProperty("pytorch_version", "unknown"));
    }
}

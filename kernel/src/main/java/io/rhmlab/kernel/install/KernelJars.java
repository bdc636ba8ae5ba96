package io.rhmlab.kernel.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kotlin notebook kernel's jars (kotlin-jupyter-kernel {@value #VERSION}, 41 jars), fetched with Maven from
 * the pom shipped in this module ({@code mvn dependency:copy-dependencies}); Maven serves them from
 * {@code ~/.m2} when they are already there, so a second install needs no network.
 */
public final class KernelJars {
    public static final String VERSION = "0.11.0-398";
    /** The kernel's main class. */
    /** JNA as DJL needs it (the shipped pom pins it over the kernel's 5.6). */
    public static final String JNA_VERSION = "5.17.0";
    public static final String MAIN_CLASS = "org.jetbrains.kotlinx.jupyter.IkotlinKt";
    /** The jars the kernel compiles notebook cells against (its -classpath argument). */
    public static final List<String> SCRIPT_CLASSPATH = List.of("kotlin-jupyter-lib", "kotlin-jupyter-api",
            "kotlin-script-runtime", "kotlin-stdlib", "kotlin-stdlib-jdk7", "kotlin-stdlib-jdk8", "kotlin-reflect",
            "kotlinx-serialization-core-jvm", "kotlinx-serialization-json-jvm");

    private KernelJars() {
    }

    /** The jars in {@code dir}, copying them there first when the kernel jar is missing. */
    public static List<Path> ensure(Path dir, boolean quiet) {
        if (!present(dir)) copy(dir, quiet);
        return list(dir);
    }

    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("kotlin-jupyter-kernel-" + VERSION + ".jar"))
                && Files.isRegularFile(dir.resolve("jna-" + JNA_VERSION + ".jar"));
    }

    public static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code mvn -B dependency:copy-dependencies} on the shipped pom into {@code dir}. */
    public static void copy(Path dir, boolean quiet) {
        try {
            Files.createDirectories(dir);
            for (Path old : list(dir)) if (old.getFileName().toString().startsWith("jna-")) Files.delete(old);
            Path pom = Files.createTempFile("rhmlab-kernel-jars", ".pom.xml");
            try (InputStream in = KernelJars.class.getResourceAsStream("kotlin-jupyter-kernel.pom.xml")) {
                if (in == null) throw new IllegalStateException("kotlin-jupyter-kernel.pom.xml is missing from the rhmlab jar");
                Files.copy(in, pom, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-f", pom.toString(),
                    "dependency:copy-dependencies", "-DoutputDirectory=" + dir.toAbsolutePath()));
            if (quiet) cmd.add(2, "-q");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (quiet) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD); else pb.inheritIO();
            int rc = pb.start().waitFor();
            Files.deleteIfExists(pom);
            if (rc != 0 || !present(dir))
                throw new IllegalStateException("mvn could not fetch kotlin-jupyter-kernel " + VERSION + " (exit " + rc
                        + "); run it without -q to see why: mvn -f <pom> dependency:copy-dependencies");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the kernel jars", e);
        }
    }
}

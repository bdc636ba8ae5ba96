package io.rhmlab.engine.train;

import ai.djl.util.Utils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether DJL will find a libtorch it can use, checked before DJL looks for one. DJL 0.36.0 takes the folder in
 * {@code PYTORCH_LIBRARY_PATH} first, then the CPU natives jar on the class path, and otherwise downloads a
 * libtorch, without consulting its offline flag. The GPU build of rhmlab leaves the CPU natives out, so this
 * check is what keeps a run from reaching the network unless the user allowed it ({@value #ALLOW_DOWNLOAD}).
 *
 * @param bundled       the CPU natives jar ({@code native/lib/pytorch.properties}) is on the class path
 * @param libraryPath   {@code PYTORCH_LIBRARY_PATH} as set (environment, else system property), or null
 * @param libtorchDir   the folder with {@code libtorch.so} in it that DJL will load instead of the bundled one, or
 *                      null; only PYTORCH_LIBRARY_PATH points DJL elsewhere (a libtorch on {@code java.library.path},
 *                      e.g. a system PyTorch's, is not loaded and not looked at)
 * @param flavor        {@code PYTORCH_FLAVOR} (cpu, cu128, ...), or null
 * @param version       {@code PYTORCH_VERSION}, or null
 * @param buildVersion  the first line of the libtorch's {@code build-version} file (e.g. {@code 2.7.1+cu128}), or null
 * @param jniFlavors    the flavours for which the DJL JNI of this libtorch version is at hand (jar or cache)
 * @param allowDownload the user allowed DJL to download a libtorch
 * @param classifier    the platform, e.g. {@code linux-x86_64}
 */
public record Natives(boolean bundled, String libraryPath, Path libtorchDir, String flavor, String version,
                      String buildVersion, Set<String> jniFlavors, boolean allowDownload, String classifier) {

    public Natives {
        // sorted: messages list the flavours in one order, whatever set was passed
        jniFlavors = jniFlavors == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(jniFlavors));
    }

    /** System property (or environment variable {@code RHMLAB_ALLOW_DOWNLOAD}) that lets DJL download libtorch. */
    public static final String ALLOW_DOWNLOAD = "rhmlab.allowDownload";

    private static final String LIBTORCH = System.mapLibraryName("torch");
    private static final String JNI = System.mapLibraryName("djl_torch");
    private static final List<String> FLAVORS = List.of("cpu", "cu118", "cu121", "cu124", "cu126", "cu128", "cu129", "cu130");
    private static volatile String checked;

    /** What stops DJL from loading a usable libtorch, as one line, or null when nothing does. */
    public String problem() {
        String v = DeviceDecision.LIBTORCH_VERSION;
        if (libraryPath != null && libtorchDir == null) {
            return "PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no " + LIBTORCH
                    + ": point it at the lib folder of an unpacked libtorch " + v;
        }
        if (libtorchDir != null || (!bundled && allowDownload)) {
            if (version != null && !version.equals(v)) {
                return "PYTORCH_VERSION=" + version + ": the DJL JNI here is built for libtorch " + v + " only";
            }
            if (buildVersion != null && !buildVersion.startsWith(v)) {
                return "PYTORCH_LIBRARY_PATH points at libtorch " + buildVersion + " in " + libtorchDir
                        + " (its build-version file); the DJL JNI needs " + v + orBundled();
            }
            if (libtorchDir != null && flavor == null) {
                return "PYTORCH_FLAVOR is not set: name the build of the libtorch in " + libtorchDir
                        + " (one of " + String.join(", ", jniFlavors) + ")" + orBundled();
            }
            if (flavor != null && !jniFlavors.contains(flavor)) {
                return "PYTORCH_FLAVOR=" + flavor + ": DJL's JNI for libtorch " + v + " on " + classifier + " exists for "
                        + String.join(", ", jniFlavors) + " only; use a libtorch of one of these builds";
            }
            return null;
        }
        if (!bundled) {
            return "no libtorch: this build leaves the CPU natives out (GPU build); set PYTORCH_LIBRARY_PATH to the lib "
                    + "folder of a CUDA libtorch " + v + " and PYTORCH_FLAVOR (e.g. cu128), or allow DJL's download "
                    + "(./rhmlab --gpu --allow-download)";
        }
        return null;
    }

    /** The other candidate, where this build has one: the CPU libtorch in its class path. */
    private String orBundled() {
        return bundled ? ", or unset PYTORCH_LIBRARY_PATH to use this build's own CPU libtorch " + DeviceDecision.LIBTORCH_VERSION : "";
    }

    /** Throws {@link DeviceUnavailableException} with {@link #problem()}; checks once per JVM. */
    public static void requireUsable() {
        if (checked != null) return;
        String problem = probe().problem();
        if (problem != null) throw new DeviceUnavailableException("libtorch: " + problem);
        checked = "ok";
    }

    /** This JVM's setup, read the way DJL 0.36.0 reads it (environment first, then system properties). */
    public static Natives probe() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String classifier = (os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux") + '-'
                + ("amd64".equals(arch) ? "x86_64" : arch);
        ClassLoader cl = Natives.class.getClassLoader();
        boolean bundled = cl.getResource("native/lib/pytorch.properties") != null;
        // DJL 0.36.0 takes PYTORCH_LIBRARY_PATH (environment, then system property) and nothing else: a libtorch that a
        // system package put on java.library.path (Debian's python3-torch ships 1.13) is never loaded, so never a reason
        // to refuse
        String libraryPath = envOrProperty("PYTORCH_LIBRARY_PATH");
        if (libraryPath != null && libraryPath.isBlank()) libraryPath = null;   // DJL finds nothing in "" either
        Path dir = libtorchIn(libraryPath);
        String flavor = envOrProperty("PYTORCH_FLAVOR");
        String version = envOrProperty("PYTORCH_VERSION");
        String build = null;
        if (dir != null) {
            Path file = dir.resolveSibling("build-version");
            try {
                if (Files.isRegularFile(file)) build = Files.readAllLines(file).stream().findFirst().orElse(null);
            } catch (IOException unreadable) {
                build = null;
            }
        }
        String v = DeviceDecision.LIBTORCH_VERSION;
        Set<String> jni = new TreeSet<>();
        Path cache = Utils.getEngineCacheDir("pytorch");
        for (String f : FLAVORS) {
            boolean inJar = cl.getResource("jnilib/" + classifier + '/' + f + '/' + JNI) != null;
            boolean inCache = cachedJni(cache.resolve(v + '-' + f + '-' + classifier));
            if (inJar || inCache) jni.add(f);
        }
        boolean allow = Boolean.parseBoolean(System.getProperty(ALLOW_DOWNLOAD, System.getenv("RHMLAB_ALLOW_DOWNLOAD")));
        return new Natives(bundled, libraryPath, dir, flavor, version, build, jni, allow, classifier);
    }

    /** The first folder of a path list that holds libtorch, as DJL searches it. */
    static Path libtorchIn(String pathList) {
        if (pathList == null) return null;
        for (String p : pathList.split(java.io.File.pathSeparator)) {
            if (p.isEmpty()) continue;
            Path path = Path.of(p);
            if (Files.isRegularFile(path) && path.getFileName().toString().equals(LIBTORCH)) return path.getParent().toAbsolutePath();
            if (Files.isRegularFile(path.resolve(LIBTORCH))) return path.toAbsolutePath();
        }
        return null;
    }

    /** DJL caches a downloaded JNI as {@code <djl version>-libdjl_torch.so} in the libtorch's cache folder. */
    private static boolean cachedJni(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith('-' + JNI));
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String envOrProperty(String name) {
        String v = System.getenv(name);
        return v != null ? v : System.getProperty(name);
    }
}

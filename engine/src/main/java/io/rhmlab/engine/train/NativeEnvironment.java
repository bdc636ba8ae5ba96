package io.rhmlab.engine.train;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The environment the native engine needs, on Linux (docs/stack.md "Native environment"). The launcher, the notebook
 * kernel and the test JVMs set both variables before the JVM starts (a value the user set is kept).
 *
 * <p>A program that embeds rhmlab started without them. {@code MKL_CBWR} is read by MKL (inside libtorch) when it
 * first runs, after the engine loads, so {@link #applyBeforeEngine} (called through {@link Offline#ensure} before
 * DJL's engine loads) puts it into the process's native environment with libc's {@code setenv} (through JNA), when
 * unset, and checks with libc's {@code getenv} that native code sees it. {@code GLIBC_TUNABLES} is read by the
 * dynamic loader before any Java code runs, so it cannot be applied from inside; without it steps are slower, the
 * results are the same.
 *
 * <p>{@code GLIBC_TUNABLES}: libtorch allocates every intermediate tensor with malloc and frees it at the end of
 * the step. With glibc's defaults, blocks of a few MB (a CNN's activations at batch 128) are mapped fresh from the
 * kernel and unmapped again at every step, so each step pays page faults and zeroes its pages again: on the rhm-cnn
 * curve of {@code bench curve} that was half the time of a backward pass. The tunables serve blocks up to 32 MB
 * from the heap and keep freed memory for the next step (the process holds its peak memory).
 *
 * <p>{@code MKL_CBWR}: MKL's matrix products may take a different path depending on how their operands happen to
 * be aligned in memory, and so round differently from one process to the next: a small LCN curve trained in fresh
 * processes gave different numbers in 4 of 10 runs (SGD amplifies the last bit). MKL's strict reproducibility
 * mode on the AVX2 code path makes the results independent of alignment: 20 of 20 runs agreed, with the same
 * numbers as the majority before and no measurable change of speed on the machine measured (AMD Zen 5, where MKL
 * takes its AVX2 path anyway). On an Intel CPU with AVX-512 it gives up MKL's AVX-512 path; set
 * {@code MKL_CBWR=AVX512,STRICT} there (untested here).
 */
public final class NativeEnvironment {

    /** glibc malloc: no mmap below 32 MB, no trimming, 64 MB of padding per heap growth. */
    public static final String GLIBC_TUNABLES =
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=67108864";

    /** MKL: conditional numerical reproducibility, strict, on the AVX2 code path. */
    public static final String MKL_CBWR = "AVX2,STRICT";

    /** Every variable and its value, in the order the launcher sets them. */
    public static final Map<String, String> VARIABLES = variables();

    private static Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("GLIBC_TUNABLES", GLIBC_TUNABLES);
        v.put("MKL_CBWR", MKL_CBWR);
        return java.util.Collections.unmodifiableMap(v);
    }

    /** MKL's {@code mkl_cbwr_get} option for the whole setting (branch and strict bit). */
    private static final int MKL_CBWR_ALL = ~0;

    /**
     * The bit of {@link #mklMode} that says MKL runs in strict reproducibility mode ({@code ,STRICT}). The branch in
     * the low bits is MKL's own reading of the CPU: on the AMD machine measured it reports 2 for AVX2 and AVX512 alike.
     */
    public static final int MKL_STRICT = 0x10000;

    /** libc's environment functions: the native environment, which {@link System#getenv} (a copy taken at start) is not. */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static volatile boolean applied;
    private static volatile String mklSource = "not applied yet";

    /**
     * Puts {@code MKL_CBWR} into this process's native environment before the engine loads, unless it is set there
     * already (the user's value is kept), and says once on stderr when that fails (results may then differ between
     * processes in their last bits). Idempotent; cheap after the first call.
     */
    public static void applyBeforeEngine() {
        if (applied) return;
        synchronized (NativeEnvironment.class) {
            if (applied) return;
            applied = true;
            try {
                LibC libc = Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LibC.class);
                String now = libc.getenv("MKL_CBWR");
                if (now != null && !now.isBlank()) {
                    mklSource = now + " (from the process environment)";
                    return;
                }
                libc.setenv("MKL_CBWR", MKL_CBWR, 0);
                String seen = libc.getenv("MKL_CBWR");
                if (!MKL_CBWR.equals(seen)) throw new IllegalStateException("getenv returned " + seen + " after setenv");
                mklSource = MKL_CBWR + " (set in process by rhmlab)";
            } catch (RuntimeException | LinkageError e) {
                mklSource = "unset (" + e.getMessage() + ")";
                System.err.println("rhmlab: MKL_CBWR is not set and could not be set in this process (" + e.getMessage()
                        + "): trainings may differ between processes in their last bits; start the JVM with MKL_CBWR="
                        + MKL_CBWR + " (docs/choices.md, Determinism)");
            }
        }
    }

    /** {@code name} in the native environment (what libtorch and MKL read), or null; {@link System#getenv} if JNA fails. */
    public static String nativeValue(String name) {
        try {
            return Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LibC.class).getenv(name);
        } catch (RuntimeException | LinkageError e) {
            return System.getenv(name);
        }
    }

    /**
     * The reproducibility mode MKL is running with ({@code mkl_cbwr_get(MKL_CBWR_ALL)} of the libtorch loaded from
     * {@code libtorchDir}: the branch, with {@link #MKL_STRICT} for a {@code ,STRICT} setting), or empty when that
     * libtorch has no MKL.
     * Asking makes MKL read {@code MKL_CBWR} if it has not yet, so ask only after {@link #applyBeforeEngine}.
     */
    public static OptionalInt mklMode(Path libtorchDir) {
        Path lib = libtorchDir.resolve(System.mapLibraryName("torch_cpu"));
        if (!Files.isRegularFile(lib)) return OptionalInt.empty();
        try {
            Function get = NativeLibrary.getInstance(lib.toString()).getFunction("mkl_serv_cbwr_get");
            return OptionalInt.of(get.invokeInt(new Object[] {MKL_CBWR_ALL}));
        } catch (RuntimeException | LinkageError noMkl) {
            return OptionalInt.empty();
        }
    }

    /** Whether this process started with the malloc tunables (ours, or the user's own mmap threshold). */
    public static boolean allocatorTuned() {
        String t = System.getenv("GLIBC_TUNABLES");
        return t != null && t.contains("glibc.malloc.mmap_threshold");
    }

    /** One line for benchmark and diagnostic output. */
    public static String describe() {
        String cbwr = applied ? mklSource : System.getenv("MKL_CBWR");
        return "GLIBC_TUNABLES " + (allocatorTuned() ? "set" : "unset (glibc defaults)") + ", MKL_CBWR "
                + (cbwr == null || cbwr.isBlank() ? "unset (results may depend on memory alignment)" : cbwr);
    }

    private NativeEnvironment() {
    }
}

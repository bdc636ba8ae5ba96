package io.rhmlab.engine.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the native engine needs at process start, on Linux (docs/stack.md "Native environment"). The
 * variables are read once, when the process starts, so the launcher, the notebook kernel and the test JVMs set
 * them (a value the user set is kept); a program embedding rhmlab sets them in its own environment.
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

    /** Whether this process started with the malloc tunables (ours, or the user's own mmap threshold). */
    public static boolean allocatorTuned() {
        String t = System.getenv("GLIBC_TUNABLES");
        return t != null && t.contains("glibc.malloc.mmap_threshold");
    }

    /** One line for benchmark and diagnostic output. */
    public static String describe() {
        String cbwr = System.getenv("MKL_CBWR");
        return "GLIBC_TUNABLES " + (allocatorTuned() ? "set" : "unset (glibc defaults)") + ", MKL_CBWR "
                + (cbwr == null || cbwr.isBlank() ? "unset (results may depend on memory alignment)" : cbwr);
    }

    private NativeEnvironment() {
    }
}

package io.rhmlab.engine.train;

/**
 * How the C allocator should serve libtorch's tensors on Linux (docs/stack.md "Native memory").
 *
 * <p>libtorch allocates every intermediate tensor with malloc and frees it at the end of the step. With glibc's
 * defaults, blocks of a few MB (a CNN's activations at batch 128) are mapped fresh from the kernel and unmapped
 * again at every step, so each step pays page faults and zeroes the pages again: measured on the rhm-cnn curve of
 * {@code bench curve}, that was half the time of a backward pass. These tunables serve blocks up to 32 MB from the
 * heap and keep freed memory for the next step instead of returning it: the process holds its peak memory, and
 * the steps run about twice as fast there. glibc reads them only at process start, so the launcher, the notebook
 * kernel and the test JVMs set them; an application embedding rhmlab sets {@code GLIBC_TUNABLES} itself.
 */
public final class NativeMemory {

    /** The value of {@code GLIBC_TUNABLES}: no mmap below 32 MB, no trimming, 64 MB of padding per heap growth. */
    public static final String TUNABLES =
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=67108864";

    /** Whether this process started with an mmap threshold set (ours or the user's own). */
    public static boolean tuned() {
        String t = System.getenv("GLIBC_TUNABLES");
        return t != null && t.contains("glibc.malloc.mmap_threshold");
    }

    private NativeMemory() {
    }
}

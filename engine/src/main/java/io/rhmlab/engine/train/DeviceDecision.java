package io.rhmlab.engine.train;

/**
 * Where a {@link DeviceChoice} trains, given what the engine offers: a pure function, so that every branch is
 * tested on a CPU-only machine.
 *
 * @param gpu     train on GPU 0 (else the CPU)
 * @param notice  one line to tell the user once (AUTO fell back to the CPU although a GPU was in sight), or null
 * @param failure why the choice cannot be honoured (GPU asked for, none usable), or null
 */
public record DeviceDecision(boolean gpu, String notice, String failure) {

    /** The version of libtorch the bundled JNI of DJL 0.36.0 is built against. */
    public static final String LIBTORCH_VERSION = "2.7.1";

    public static DeviceDecision decide(DeviceChoice choice, EngineFacts facts) {
        String missing = missing(facts);
        return switch (choice) {
            case CPU -> new DeviceDecision(false, null, null);
            case GPU -> missing == null ? new DeviceDecision(true, null, null)
                    : new DeviceDecision(false, null, "device: --device gpu cannot train here: " + missing);
            case AUTO -> {
                if (missing == null) yield new DeviceDecision(true, null, null);
                // A CPU build on a machine without a GPU is the plain CPU setup: nothing was given up, nothing to say.
                boolean gpuInSight = facts.cudaBuild() || facts.gpus() > 0;
                yield new DeviceDecision(false, gpuInSight ? "device: auto chose the CPU: " + missing : null, null);
            }
        };
    }

    /** What stands between this machine and GPU training, or null when nothing does. */
    static String missing(EngineFacts f) {
        if (!f.cudaBuild()) {
            return "the PyTorch engine loaded a CPU build of libtorch (" + f.libtorch() + ")"
                    + (f.gpus() > 0 ? " although " + f.gpus() + " GPU(s) are visible" : "")
                    + "; a CUDA build of libtorch " + LIBTORCH_VERSION
                    + " is needed: ./rhmlab --gpu with PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR (README, GPU)";
        }
        if (!f.cudaRuntime()) {
            return "the CUDA libtorch loaded but no CUDA runtime answered (no NVIDIA driver, or no libcudart.so on "
                    + "LD_LIBRARY_PATH: DJL counts GPUs through it)";
        }
        if (f.gpus() == 0) {
            return "the CUDA runtime sees no GPU (check nvidia-smi, the driver version and CUDA_VISIBLE_DEVICES)";
        }
        return null;
    }
}

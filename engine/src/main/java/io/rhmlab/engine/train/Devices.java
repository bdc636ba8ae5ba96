package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Resolves a {@link DeviceChoice} against what the native engine reports, and sets its thread count. */
public final class Devices {
    private Devices() {
    }

    public static Device resolve(DeviceChoice choice) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    // bad input, not a fault: the user asked for hardware this machine does not have
                    throw new io.rhmlab.dsl.InvalidSpecException("device", "GPU requested but the " + Engine.getInstance().getEngineName()
                            + " engine reports no GPU (a CUDA libtorch of the JNI's version is needed; use auto or cpu)");
                }
                yield Device.gpu();
            }
        };
    }

    /** Sets the engine's intra-op thread count; 0 keeps the default. */
    public static void useThreads(int threads) {
        if (threads > 0 && JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
    }
}

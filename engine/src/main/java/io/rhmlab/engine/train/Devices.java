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
                    throw new IllegalStateException("device: GPU requested but the " + Engine.getInstance().getEngineName()
                            + " engine reports no GPU (a CUDA libtorch of the JNI's version is needed; use AUTO or CPU)");
                }
                yield Device.gpu();
            }
        };
    }

    /**
     * Sets the engine's intra-op thread count (a process-wide setting); 0 = every core. Set explicitly each time,
     * since a sweep in lanes leaves it at 1.
     */
    public static void useThreads(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (JniUtils.getNumThreads() != n) JniUtils.setNumThreads(n);
    }

    /**
     * The lanes and the threads per lane that {@code settings} ask for when {@code runs} runs are to be trained:
     * lanes = 0 means one per core on a CPU (each with one intra-op thread) and one on a GPU; never more lanes
     * than runs. Threads = 0 shares the cores out among the lanes.
     */
    public static TrainerSettings lanesFor(TrainerSettings settings, int runs) {
        int cores = Runtime.getRuntime().availableProcessors();
        int lanes = settings.lanes();
        if (lanes == 0) lanes = resolve(settings.device()).isGpu() ? 1 : cores;
        lanes = Math.max(1, Math.min(lanes, runs));
        int threads = settings.threads() > 0 ? settings.threads() : Math.max(1, cores / lanes);
        return new TrainerSettings(settings.device(), threads, settings.evalBatch(), lanes);
    }
}

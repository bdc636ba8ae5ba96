package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resolves a {@link DeviceChoice} against what the native engine reports ({@link DeviceDecision}), and sets
 * its thread count. The libtorch setup is checked first ({@link Natives}), before DJL loads anything.
 */
public final class Devices {
    private static final AtomicBoolean NOTICE_GIVEN = new AtomicBoolean();

    private Devices() {
    }

    /**
     * The device to train on. A GPU asked for and unusable is a {@link DeviceUnavailableException} with one line
     * saying what is missing; AUTO falling back to the CPU where a GPU was in sight says so once per JVM (stderr).
     */
    public static Device resolve(DeviceChoice choice) {
        Offline.ensure();   // before DJL's Engine loads: no telemetry, whoever embeds the library
        Natives.requireUsable();
        // loads the engine (its JNI included) for every choice: callers use JniUtils right after
        Engine.getInstance();
        if (choice == DeviceChoice.CPU) return Device.cpu();
        DeviceDecision d = DeviceDecision.decide(choice, EngineFacts.probe());
        if (d.failure() != null) throw new DeviceUnavailableException(d.failure());
        if (d.notice() != null && NOTICE_GIVEN.compareAndSet(false, true)) System.err.println(d.notice());
        return d.gpu() ? Device.gpu() : Device.cpu();
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
        return settings.withThreads(threads).withLanes(lanes);
    }
}

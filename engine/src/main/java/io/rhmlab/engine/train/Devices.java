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
        Natives.requireUsable();
        // loads the engine (its JNI included) for every choice: callers use JniUtils right after
        Engine.getInstance();
        if (choice == DeviceChoice.CPU) return Device.cpu();
        DeviceDecision d = DeviceDecision.decide(choice, EngineFacts.probe());
        if (d.failure() != null) throw new DeviceUnavailableException(d.failure());
        if (d.notice() != null && NOTICE_GIVEN.compareAndSet(false, true)) System.err.println(d.notice());
        return d.gpu() ? Device.gpu() : Device.cpu();
    }

    /** Sets the engine's intra-op thread count; 0 keeps the default. */
    public static void useThreads(int threads) {
        if (threads > 0 && JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
    }
}

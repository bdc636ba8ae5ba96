package io.rhmlab.engine.train;

/**
 * DJL stays offline in every JVM that runs rhmlab: the launcher's, a notebook kernel's, the tests', and an application
 * that embeds the library. DJL's Engine sends telemetry (to 169.254.169.254) unless offline mode or its opt-out is set
 * before it first loads, and it can download natives and models; rhmlab needs neither. {@link #ensure} sets
 * {@code ai.djl.offline} and {@code OPT_OUT_TRACKING}; the engine calls it before its first use of DJL
 * ({@link Devices#resolve}, {@link EngineFacts#probe}), so an application needs no setting of its own.
 *
 * <p>A GPU build's libtorch download is gated separately (the launcher's {@code --allow-download}): DJL's download of
 * its natives does not read the offline flag.
 */
public final class Offline {

    private Offline() {
    }

    /** Offline mode and the telemetry opt-out, as system properties; idempotent and cheap. */
    public static void ensure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }
}

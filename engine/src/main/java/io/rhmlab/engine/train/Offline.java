package io.rhmlab.engine.train;

/**
 * What every JVM that runs rhmlab's engine needs before DJL's engine first loads, whether it started through the
 * launcher, a notebook kernel, the tests or an application that embeds the library: DJL offline, its telemetry
 * opt-out, and MKL's reproducibility mode in the native environment ({@link NativeEnvironment#applyBeforeEngine}).
 * DJL's Engine sends telemetry (to 169.254.169.254) unless offline mode or its opt-out is set before it first loads,
 * and it can download natives and models; rhmlab needs neither.
 *
 * <p>{@link #ensure} is called by every path into the engine ({@link Devices#resolve}, {@link EngineFacts#probe},
 * {@code NoGrad}, the benchmarks, rhmlab-spark's runners), so an application needs no setting of its own. A value the
 * user gave (environment variable or system property) is kept: DJL reads {@code DJL_OFFLINE} before
 * {@code ai.djl.offline}, and {@code OPT_OUT_TRACKING} from either.
 *
 * <p>A GPU build's libtorch download is gated separately (the launcher's {@code --allow-download}): DJL's download of
 * its natives does not read the offline flag.
 */
public final class Offline {

    private Offline() {
    }

    /** Offline mode and the telemetry opt-out (where the user set neither), and MKL's mode; idempotent and cheap. */
    public static void ensure() {
        if (unset("DJL_OFFLINE", "ai.djl.offline")) System.setProperty("ai.djl.offline", "true");
        if (unset("OPT_OUT_TRACKING", "OPT_OUT_TRACKING")) System.setProperty("OPT_OUT_TRACKING", "true");
        NativeEnvironment.applyBeforeEngine();
    }

    private static boolean unset(String variable, String property) {
        String env = System.getenv(variable), prop = System.getProperty(property);
        return (env == null || env.isBlank()) && (prop == null || prop.isBlank());
    }
}

package io.rhmlab.engine.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;

import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link EmbeddedEnvironmentTest}: what an embedding application's JVM sees once rhmlab has
 * prepared the engine. Prints {@code java=…} (the JVM's copy of the environment, taken at start), {@code native=…}
 * (libc's getenv) and {@code mkl=…} (the mode MKL reports after the engine loaded).
 */
public final class EmbeddedMklProbe {
    public static void main(String[] args) {
        Devices.resolve(DeviceChoice.CPU);
        Engine.getInstance();
        System.out.println("java=" + System.getenv("MKL_CBWR"));
        System.out.println("native=" + NativeEnvironment.nativeValue("MKL_CBWR"));
        int mode = NativeEnvironment.mklMode(Path.of(LibUtils.getLibtorchPath())).orElse(-1);
        System.out.println("mkl=" + mode + " strict=" + (mode >= 0 && (mode & NativeEnvironment.MKL_STRICT) != 0));
        System.out.println("offline=" + System.getProperty("ai.djl.offline") + " optOut=" + System.getProperty("OPT_OUT_TRACKING"));
    }

    private EmbeddedMklProbe() {
    }
}

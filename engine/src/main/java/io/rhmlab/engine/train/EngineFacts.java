package io.rhmlab.engine.train;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;

/**
 * What the loaded native engine and the machine offer for a device decision.
 *
 * @param cudaBuild   the loaded libtorch was built with CUDA
 * @param cudaRuntime a CUDA runtime (libcudart) answered; DJL counts GPUs through it
 * @param gpus        GPUs the CUDA runtime reports (0 without a runtime)
 * @param libtorch    the loaded libtorch, e.g. {@code 2.7.1 in /root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64}
 */
public record EngineFacts(boolean cudaBuild, boolean cudaRuntime, int gpus, String libtorch) {

    /** Loads the engine (if not yet loaded) and asks it and the CUDA runtime. */
    public static EngineFacts probe() {
        Offline.ensure();
        Engine engine = Engine.getInstance();
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        boolean runtime;
        try {
            CudaUtils.getCudaVersion();
            runtime = true;
        } catch (IllegalStateException noLibrary) {
            runtime = false;          // "No cuda library is loaded": no libcudart found
        } catch (RuntimeException failedCall) {
            runtime = true;           // a runtime is there but refused the call (old driver, no device)
        }
        String where;
        try {
            where = engine.getVersion() + " in " + LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError notPyTorch) {
            where = engine.getEngineName() + " " + engine.getVersion();
        }
        return new EngineFacts(cuda, runtime, runtime ? CudaUtils.getGpuCount() : 0, where);
    }
}

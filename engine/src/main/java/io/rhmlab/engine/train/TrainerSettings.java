package io.rhmlab.engine.train;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * How the trainer uses the machine (not part of a run's identity: results do not depend on it beyond float
 * rounding).
 *
 * @param device    AUTO (GPU if the engine reports one, else CPU), CPU or GPU (an error when absent)
 * @param threads   intra-op threads of the native engine; 0 leaves the engine's default (= cores)
 * @param evalBatch rows evaluated per forward pass at checkpoints, summed over the members evaluated together
 */
public record TrainerSettings(DeviceChoice device, int threads, int evalBatch) {
    public TrainerSettings {
        InvalidSpecException.require(device != null, "device", "must be AUTO, CPU or GPU");
        InvalidSpecException.require(threads >= 0, "threads", "threads = " + threads + " must be ≥ 0 (0 = engine default)");
        InvalidSpecException.require(evalBatch >= 1, "evalBatch", "evalBatch = " + evalBatch + " must be ≥ 1");
    }

    public static TrainerSettings defaults() {
        return new TrainerSettings(DeviceChoice.AUTO, 0, 16384);
    }

    public TrainerSettings withDevice(DeviceChoice d) {
        return new TrainerSettings(d, threads, evalBatch);
    }

    public TrainerSettings withThreads(int n) {
        return new TrainerSettings(device, n, evalBatch);
    }
}

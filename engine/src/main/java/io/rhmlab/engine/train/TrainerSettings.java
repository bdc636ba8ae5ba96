package io.rhmlab.engine.train;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * How the trainer uses the machine (not part of a run's identity: results do not depend on it beyond float
 * rounding).
 *
 * @param device    AUTO (GPU if the engine reports one, else CPU), CPU or GPU (an error when absent)
 * @param threads   intra-op threads of the native engine per lane; 0 = the cores shared out among the lanes
 * @param evalBatch rows evaluated per forward pass at checkpoints, summed over the members evaluated together;
 *                  0 = automatic ({@link #AUTOMATIC_EVAL_BATCH}: sized to the cache on a CPU, 16384 on a GPU)
 * @param lanes     ensembles trained at once, each on a thread of its own (learning curves, sweeps); 0 = one
 *                  per core on a CPU, one on a GPU
 * @param scriptedStep where it applies, take a training step as one TorchScript call instead of one call per
 *                  operator (the same arithmetic; docs/architecture.md, "The scripted step"); on by default
 */
public record TrainerSettings(DeviceChoice device, int threads, int evalBatch, int lanes, boolean scriptedStep) {
    public TrainerSettings {
        InvalidSpecException.require(device != null, "device", "must be AUTO, CPU or GPU");
        InvalidSpecException.require(threads >= 0, "threads", "threads = " + threads + " must be ≥ 0 (0 = cores per lane)");
        InvalidSpecException.require(evalBatch >= 0, "evalBatch", "evalBatch = " + evalBatch + " must be ≥ 0 (0 = automatic)");
        InvalidSpecException.require(lanes >= 0, "lanes", "lanes = " + lanes + " must be ≥ 0 (0 = automatic)");
    }

    /** Automatic lanes. */
    public TrainerSettings(DeviceChoice device, int threads, int evalBatch) {
        this(device, threads, evalBatch, 0);
    }

    /** With the scripted step. */
    public TrainerSettings(DeviceChoice device, int threads, int evalBatch, int lanes) {
        this(device, threads, evalBatch, lanes, true);
    }

    /** {@code evalBatch} = 0: rows per evaluation pass chosen per device and network ({@code Evaluator.rowsPerPass}). */
    public static final int AUTOMATIC_EVAL_BATCH = 0;

    public static TrainerSettings defaults() {
        return new TrainerSettings(DeviceChoice.AUTO, 0, AUTOMATIC_EVAL_BATCH, 0, true);
    }

    public TrainerSettings withDevice(DeviceChoice d) {
        return new TrainerSettings(d, threads, evalBatch, lanes, scriptedStep);
    }

    public TrainerSettings withThreads(int n) {
        return new TrainerSettings(device, n, evalBatch, lanes, scriptedStep);
    }

    public TrainerSettings withLanes(int n) {
        return new TrainerSettings(device, threads, evalBatch, n, scriptedStep);
    }

    /** Off: every step is written with DJL's operators (to compare, or where the scripted step is suspect). */
    public TrainerSettings withScriptedStep(boolean on) {
        return new TrainerSettings(device, threads, evalBatch, lanes, on);
    }
}

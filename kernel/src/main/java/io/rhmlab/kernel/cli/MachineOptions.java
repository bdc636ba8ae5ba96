package io.rhmlab.kernel.cli;

import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.Devices;
import io.rhmlab.engine.train.TrainerSettings;
import picocli.CommandLine.Option;

/** Where and how wide training runs; not part of a run's identity. */
final class MachineOptions {

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Device (default: ${DEFAULT-VALUE} = the GPU if usable, else the CPU, saying why where a GPU was in sight; "
                    + "gpu fails at once when none is usable). GPU training needs the GPU build: ./rhmlab --gpu (README, GPU).")
    DeviceChoice device;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native intra-op threads per lane (default: the cores shared out among the lanes).")
    int threads;

    @Option(names = "--lanes", paramLabel = "N",
            description = "Ensembles trained at once, each on a thread of its own (default: one per core on a CPU, "
                    + "one on a GPU). 1 = one ensemble at a time on every core.")
    int lanes;

    /** Fails with one line naming --device when the device asked for is not there, before any work starts. */
    void requireDevice() {
        Devices.resolve(device);
    }

    /** The trainer settings, with the device settled first: an unusable GPU is one line and exit 2, before any work. */
    TrainerSettings settings() {
        io.rhmlab.dsl.InvalidSpecException.require(lanes >= 0, "lanes", "--lanes " + lanes + " must be ≥ 0 (0 = automatic)");
        TrainerSettings s = TrainerSettings.defaults().withDevice(device).withThreads(threads).withLanes(lanes);
        Devices.resolve(device);
        return s;
    }
}

package io.rhmlab.kernel.cli;

import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.Devices;
import io.rhmlab.engine.train.TrainerSettings;
import picocli.CommandLine.Option;

/** Where and how wide training runs; not part of a run's identity. */
final class MachineOptions {

    @Option(names = "--device", paramLabel = "auto|cpu|gpu",
            description = "Device (default: auto = the GPU if usable, else the CPU, saying why where a GPU was in sight; "
                    + "gpu fails at once when none is usable). GPU training needs the GPU build: ./rhmlab --gpu (README, GPU).")
    DeviceChoice device = DeviceChoice.AUTO;

    @Option(names = "--threads", paramLabel = "N", description = "Native intra-op threads (default: one per core).")
    int threads;

    /** The trainer settings, with the device settled first: an unusable GPU is one line and exit 2, before any work. */
    TrainerSettings settings() {
        TrainerSettings s = TrainerSettings.defaults().withDevice(device).withThreads(threads);
        Devices.resolve(device);
        return s;
    }
}

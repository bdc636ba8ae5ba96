package io.rhmlab.kernel.cli;

import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.TrainerSettings;
import picocli.CommandLine.Option;

/** Where and how wide training runs; not part of a run's identity. */
final class MachineOptions {

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", description = "Device (default: auto = GPU if usable, else CPU).")
    DeviceChoice device = DeviceChoice.AUTO;

    @Option(names = "--threads", paramLabel = "N", description = "Native intra-op threads (default: one per core).")
    int threads;

    /** Fails with one line naming --device when the device asked for is not there, before any work starts. */
    void requireDevice() {
        io.rhmlab.engine.train.Devices.resolve(device);
    }

    TrainerSettings settings() {
        return TrainerSettings.defaults().withDevice(device).withThreads(threads);
    }
}

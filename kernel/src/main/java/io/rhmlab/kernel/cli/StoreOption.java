package io.rhmlab.kernel.cli;

import io.rhmlab.engine.store.RunStore;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --store FILE}: the run store a command reads or writes (default: the working folder's). */
final class StoreOption {
    @Option(names = "--store", paramLabel = "FILE",
            description = "Run store (SQLite file; default: ./" + RunStore.DEFAULT_FILE + ").")
    Path file = Path.of(RunStore.DEFAULT_FILE);

    RunStore open() {
        return RunStore.open(file);
    }

    /** For commands that only read or remove runs: fails naming --store when there is no store, instead of making one. */
    void requireExisting() {
        if (!Files.exists(file)) throw new IllegalArgumentException("store: " + file + " does not exist");
    }
}

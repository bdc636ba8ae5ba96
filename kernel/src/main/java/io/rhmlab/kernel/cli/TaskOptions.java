package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.experiment.Task;
import picocli.CommandLine.Option;

/** What the network predicts, for {@code train} and {@code curve} (docs/last-token.md §1). */
final class TaskOptions {

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classify",
            description = "What the network predicts: classify (the root's class) or last-token (the last token from the "
                    + "ones before it, the reference's masked mode; labels over the v symbols). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--context", paramLabel = "N", defaultValue = "0",
            description = "last-token only: keep the last N positions of each datum, the masked one included (the "
                    + "reference's --num_tokens); 0 = all s^L. Default: ${DEFAULT-VALUE}.")
    int context;

    Task task() {
        return Task.parse(task, context);
    }
}

package io.rhmlab.kernel.cli;

import io.rhmlab.engine.store.RunStore;
import io.rhmlab.kernel.script.ScriptHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rhmlab run FILE.rhm.kts [ARGS...]}: a DSL script, with the DSL imported. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a DSL script (FILE.rhm.kts) with the rhmlab DSL imported.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.rhm.kts", description = "The script.")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Passed to the script as `args`.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        ScriptHost.run(script, args);
        // the figures of what the script stored in the default store, beside it
        Path store = Path.of(RunStore.DEFAULT_FILE);
        if (java.nio.file.Files.exists(store)) {
            Path figures = ReportCommand.figuresBeside(store);
            System.out.println("figures: " + ReportCommand.write(store, figures, io.rhmlab.engine.curve.PStarCriterion.DEFAULT).files().size() + " files in " + figures);
        }
        return 0;
    }
}

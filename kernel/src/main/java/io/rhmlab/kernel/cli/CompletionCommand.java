package io.rhmlab.kernel.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rhmlab completion > rhmlab.bash}: the shell completion script, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for rhmlab: every command, option and enum value.",
                "Use: ./rhmlab completion > rhmlab.bash && source rhmlab.bash (zsh: autoload bashcompinit first)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("rhmlab", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

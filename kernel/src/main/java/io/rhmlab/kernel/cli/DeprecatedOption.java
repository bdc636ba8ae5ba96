package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.InvalidSpecException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * Old spellings of options, kept working after a concept got its one name (see docs/names.md): each use
 * prints one line on stderr naming the option to use instead, and then means exactly what the new one means.
 */
final class DeprecatedOption {

    private DeprecatedOption() {
    }

    /** Prints the one-line note for {@code old} on the command's stderr (stderr itself without a command). */
    static void note(CommandSpec command, String old, String now) {
        String line = "note: " + old + " is deprecated; use " + now + " (same meaning)";
        if (command == null) {
            System.err.println(line);
            return;
        }
        PrintWriter err = command.commandLine().getErr();
        err.println(line);
        err.flush();
    }

    /**
     * The value given under the new name, else under the old one (with its note), else null; both at once is an
     * error naming them. Callers resolve once (they move the old value into the new field), so the note is printed
     * once per use.
     */
    static <T> T either(CommandSpec command, T now, String nowName, T old, String oldName) {
        if (old == null) return now;
        InvalidSpecException.require(now == null, oldName.substring(2),
                oldName + " is the deprecated spelling of " + nowName + "; give only " + nowName);
        note(command, oldName, nowName);
        return old;
    }
}

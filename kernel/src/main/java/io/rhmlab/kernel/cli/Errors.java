package io.rhmlab.kernel.cli;

import io.rhmlab.kernel.script.ScriptCompileException;
import io.rhmlab.kernel.script.ScriptFailedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How the command line reports failures. Bad input (a flag, a spec constraint, a script that does not
 * compile) is the user's to fix: one line naming the parameter, exit 2, no stack trace. Anything else is a
 * fault of rhmlab or of the machine: exit 1, with the trace for the report.
 */
final class Errors {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private Errors() {
    }

    /** Unknown, missing or unparsable flags: picocli's message already names the option. */
    static final class BadFlags implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        }
    }

    /** Exceptions thrown while a command runs. */
    static final class Failures implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
            PrintWriter err = cmd.getErr();
            if (e instanceof ScriptCompileException compile) {
                compile.getErrors().forEach(err::println);
                return BAD_INPUT;
            }
            if (e instanceof ScriptFailedException failed) {
                if (failed.getCause() instanceof IllegalArgumentException bad) {
                    err.println("error: " + failed.getLocation() + ": " + bad.getMessage());
                    return BAD_INPUT;
                }
                err.println("error: the script failed at " + failed.getLocation());
                failed.getCause().printStackTrace(err);
                return FAILED;
            }
            // InvalidSpecException is an IllegalArgumentException whose message starts with the parameter.
            if (e instanceof IllegalArgumentException bad) {
                err.println("error: " + bad.getMessage());
                return BAD_INPUT;
            }
            // a file that is not a run store, a locked or read-only one: one line, no trace
            if (e instanceof io.rhmlab.engine.store.StoreException store) {
                err.println("error: store: " + store.getMessage());
                return store.getMessage().contains("not an SQLite database") ? BAD_INPUT : FAILED;
            }
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                err.println("error: " + e.getMessage());
                return FAILED;
            }
            err.println("error: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }
}

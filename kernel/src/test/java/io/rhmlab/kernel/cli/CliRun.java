package io.rhmlab.kernel.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the command line: exit code, and what went to stdout and stderr. System.out is
 * captured too, because DSL scripts print with Kotlin's println.
 */
public record CliRun(int exitCode, String out, String err) {

    public static synchronized CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        ByteArrayOutputStream system = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        System.setOut(new PrintStream(system, true, StandardCharsets.UTF_8));
        try {
            code = Rhmlab.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.out.flush();
            System.setOut(saved);
        }
        return new CliRun(code, system.toString(StandardCharsets.UTF_8) + out, err.toString());
    }
}

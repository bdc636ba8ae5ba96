package io.rhmlab.dsl.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter with numpy that the interoperability tests hand their files to: the one on PATH (pyenv's,
 * say), else Debian's. numpy is a prerequisite of the test suite, which {@code ./rhmlab test} installs when missing
 * (python3-numpy); without it these tests fail rather than pass unchecked.
 */
public final class NumpyPython {
    private NumpyPython() {
    }

    /** The interpreter; an {@link AssertionError} that says how to install numpy when there is none. */
    public static String require() {
        for (String candidate : new String[]{"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return candidate;
            } catch (IOException | InterruptedException e) {
                // not installed: try the next interpreter
            }
        }
        throw new AssertionError("no python3 with numpy: install it (apt-get install -y python3-numpy); "
                + "./rhmlab test does so when it is missing");
    }
}

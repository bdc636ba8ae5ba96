package io.rhmlab.kernel.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A Python interpreter that imports numpy (the one on PATH, e.g. pyenv's, then Debian's), or null. */
final class NumpyPython {
    private NumpyPython() {
    }

    static String find() {
        for (String candidate : new String[]{"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return candidate;
            } catch (IOException | InterruptedException e) {
                // not installed: try the next interpreter
            }
        }
        return null;
    }
}

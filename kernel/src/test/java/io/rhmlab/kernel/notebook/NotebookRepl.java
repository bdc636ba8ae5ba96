package io.rhmlab.kernel.notebook;

import io.rhmlab.kernel.install.KernelJars;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kotlin notebook kernel's REPL in a class loader of its own: the kernel's jars (copied once into
 * target/kotlin-jupyter-kernel by {@link KernelJars}, from ~/.m2) plus this module and its runtime libraries, minus
 * the Kotlin 2.1 compiler and standard library of the test class path, which the kernel (Kotlin 1.8.20) must not see.
 */
final class NotebookRepl {
    private NotebookRepl() {
    }

    static List<File> classpath() {
        List<File> cp = new ArrayList<>();
        for (Path p : KernelJars.ensure(Path.of("target", "kotlin-jupyter-kernel"), true)) cp.add(p.toAbsolutePath().toFile());
        String own = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String e : own.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            // dataframe (and its date types) are rhmlab's dependencies, not the kernel's: they stay
            boolean dataframe = n.contains("/org/jetbrains/kotlinx/dataframe") || n.contains("/org/jetbrains/kotlinx/kotlinx-datetime");
            if (!dataframe && (n.contains("/org/jetbrains/kotlin/") || n.contains("/org/jetbrains/kotlinx/")) || n.contains("/ch/qos/logback/")
                    || n.contains("slf4j-simple") || n.contains("/org/jetbrains/annotations/") || n.contains("surefire")) continue;
            cp.add(new File(e).getAbsoluteFile());
        }
        return cp;
    }

    /**
     * One class loader for every REPL of the test JVM: PyTorch's JNI library can be loaded by one class loader only
     * (a second loader's training fails), and JDBC drivers are discovered through the first loader that asks.
     */
    private static URLClassLoader shared;

    private static synchronized URLClassLoader loader() throws Exception {
        if (shared == null) {
            List<File> cp = classpath();
            URL[] urls = new URL[cp.size()];
            for (int i = 0; i < urls.length; i++) urls[i] = cp.get(i).toURI().toURL();
            shared = new URLClassLoader("notebook-kernel", urls, ClassLoader.getPlatformClassLoader());
            // DriverManager only hands a caller a driver its own loader can see: register this loader's SQLite driver
            // (the test class path's copy may have been registered first, by a test outside the REPL).
            Class.forName("org.sqlite.JDBC", true, shared);
        }
        return shared;
    }

    /** Runs {@code cells} in a fresh REPL (in the shared class loader); one map per cell (see ReplDriver). */
    @SuppressWarnings("unchecked")
    static synchronized List<Map<String, Object>> run(List<String> cells) throws Exception {
        URLClassLoader loader = loader();
        List<File> cp = new ArrayList<>();
        for (URL u : loader.getURLs()) cp.add(new File(u.toURI()));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> driver = loader.loadClass("io.rhmlab.kernel.notebook.ReplDriver");
            Object d = driver.getConstructor().newInstance();
            return (List<Map<String, Object>>) driver.getMethod("run", List.class, List.class).invoke(d, cp, cells);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}

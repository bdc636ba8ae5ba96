package io.rhmlab.kernel.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sets up notebooks in one step (what {@code rhmlab install-kernel} does), installing only what is missing:
 * <ol>
 * <li>Jupyter from Debian packages (apt-get, {@link #JUPYTER_PACKAGES}; chromium too when asked, for the CI check);</li>
 * <li>the Kotlin kernel's jars with Maven ({@link KernelJars}) into {@code ~/.local/share/rhmlab/kotlin-kernel/lib};</li>
 * <li>the kernelspec {@value #KERNEL_NAME} in {@code ~/.local/share/jupyter/kernels}, running the kernel on this JDK
 *     with DJL offline and its logging at WARN;</li>
 * <li>the {@code %use rhmlab} descriptor {@code ~/.jupyter_kotlin/libraries/rhmlab.json} (rhmlab-kernel from ~/.m2);</li>
 * <li>nbconvert's output priority with PNG before SVG ({@code ~/.jupyter/jupyter_nbconvert_config.json}, only if absent):
 *     Debian's nbconvert drops inline SVG from HTML.</li>
 * </ol>
 */
public final class KernelInstaller {
    public static final String KERNEL_NAME = "rhmlab-kotlin";
    public static final List<String> JUPYTER_PACKAGES = List.of("jupyter-core", "jupyter-client", "jupyter-nbconvert",
            "python3-nbclient", "jupyter-notebook");

    /** The kernel's resolver skips classified runtime jars: the CPU natives are named explicitly (ext:classifier). */
    static final String PYTORCH_NATIVES = "ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1";

    private final Path home;
    private final String version;
    private final PrintStream out;

    public KernelInstaller(Path home, String version, PrintStream out) {
        this.home = home;
        this.version = version;
        this.out = out;
    }

    public Path kernelHome() {
        return home.resolve(".local/share/rhmlab/kotlin-kernel");
    }

    public Path kernelSpecDir() {
        return home.resolve(".local/share/jupyter/kernels/" + KERNEL_NAME);
    }

    public Path descriptor() {
        return home.resolve(".jupyter_kotlin/libraries/rhmlab.json");
    }

    /** Everything, in order; returns the number of steps that changed something. */
    public int install(boolean packages, boolean chromium) {
        int changed = 0;
        if (packages) changed += aptInstall(chromium);
        Path lib = kernelHome().resolve("lib");
        if (!KernelJars.present(lib)) {
            out.println("rhmlab: fetching the Kotlin kernel " + KernelJars.VERSION + " with Maven into " + lib);
            KernelJars.copy(lib, true);
            changed++;
        } else {
            out.println("rhmlab: Kotlin kernel jars present in " + lib);
        }
        changed += writeIfChanged(kernelHome().resolve("logback.xml"), resource("logback.xml"));
        changed += writeIfChanged(kernelSpecDir().resolve("kernel.json"), kernelJson(lib));
        changed += writeIfChanged(descriptor(), descriptorJson());
        Path nbconvert = home.resolve(".jupyter/jupyter_nbconvert_config.json");
        if (!Files.exists(nbconvert)) changed += writeIfChanged(nbconvert, NBCONVERT_CONFIG);
        Path jar = home.resolve(".m2/repository/io/rhmlab/rhmlab-kernel/" + version + "/rhmlab-kernel-" + version + ".jar");
        if (!Files.exists(jar))
            out.println("rhmlab: note: " + jar + " is missing; `%use rhmlab` loads it from ~/.m2: run `mvn install -DskipTests` in the rhmlab checkout");
        out.println("rhmlab: kernel '" + KERNEL_NAME + "' registered (" + kernelSpecDir() + "); start notebooks with `./rhmlab notebook`");
        return changed;
    }

    static final String NBCONVERT_CONFIG = """
            {
              "NbConvertBase": {
                "display_data_priority": ["image/png", "text/html", "application/pdf", "text/latex", "image/svg+xml", "image/jpeg", "text/markdown", "text/plain"]
              }
            }
            """;

    /** apt-get install of the missing Debian packages; 1 when something was installed. */
    int aptInstall(boolean chromium) {
        List<String> wanted = new ArrayList<>(JUPYTER_PACKAGES);
        if (chromium) wanted.add("chromium");
        List<String> missing = wanted.stream().filter(p -> !debInstalled(p)).toList();
        if (missing.isEmpty()) {
            out.println("rhmlab: Debian packages present: " + String.join(" ", wanted));
            return 0;
        }
        out.println("rhmlab: apt-get install " + String.join(" ", missing));
        List<String> cmd = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) cmd.add("sudo");
        cmd.addAll(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        cmd.addAll(missing);
        int rc = run(cmd);
        if (rc != 0) {
            List<String> update = new ArrayList<>(cmd.subList(0, cmd.indexOf("apt-get") + 1));
            update.add("update");
            run(update);
            rc = run(cmd);
        }
        if (rc != 0) throw new IllegalStateException("apt-get install " + String.join(" ", missing) + " failed (exit " + rc + ")");
        return 1;
    }

    static boolean debInstalled(String pkg) {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", pkg).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 && s.contains("install ok installed");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(List<String> cmd) {
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** The kernelspec: this JDK, the kernel's jars, the exact script class path, WARN logging, DJL offline. */
    public String kernelJson(Path lib) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Path> jars = KernelJars.present(lib) ? KernelJars.list(lib) : List.of();
        String scriptCp = jars.stream().filter(j -> KernelJars.SCRIPT_CLASSPATH.stream()
                        .anyMatch(n -> j.getFileName().toString().matches(java.util.regex.Pattern.quote(n) + "-[0-9].*\\.jar")))
                .map(Path::toString).collect(Collectors.joining(":"));
        List<String> argv = List.of(javaBin, "-Xmx6g", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + kernelHome().resolve("logback.xml"),
                "-cp", lib + "/*", KernelJars.MAIN_CLASS, "-classpath=" + scriptCp, "-home=" + kernelHome(), "{connection_file}");
        return "{\n  \"display_name\": \"Kotlin (rhmlab)\",\n  \"language\": \"kotlin\",\n  \"interrupt_mode\": \"message\",\n"
                + "  \"env\": {\"DJL_OFFLINE\": \"true\"},\n  \"argv\": [\n    "
                + argv.stream().map(KernelInstaller::quote).collect(Collectors.joining(",\n    ")) + "\n  ]\n}\n";
    }

    public String descriptorJson() {
        return "{\n  \"description\": \"rhmlab: Random Hierarchy Models, learning curves and sensitivity figures\",\n"
                + "  \"repositories\": [\"*mavenLocal\"],\n"
                + "  \"dependencies\": [\"io.rhmlab:rhmlab-kernel:" + version + "\", \"" + PYTORCH_NATIVES + "\"]\n}\n";
    }

    private int writeIfChanged(Path file, String text) {
        try {
            if (Files.exists(file) && Files.readString(file).equals(text)) return 0;
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            out.println("rhmlab: wrote " + file);
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = KernelInstaller.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the rhmlab jar");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package io.rhmlab.kernel.install;

import io.rhmlab.engine.train.NativeEnvironment;

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
 * <li>the Kotlin kernel's jars with Maven ({@link KernelJars}) into {@code $HOME/.local/share/rhmlab/kotlin-kernel/lib};</li>
 * <li>the kernelspec {@value #KERNEL_NAME}, registered by Jupyter itself ({@code jupyter kernelspec install --user}, so
 *     it lands where Jupyter looks: {@code JUPYTER_DATA_DIR}, else under {@code $HOME}), running the kernel on this JDK
 *     with DJL offline, its logging (the kernel's logback, the notebook's slf4j-simple) at WARN and its home
 *     ({@code user.home}) at {@code $HOME};</li>
 * <li>the {@code %use rhmlab} descriptor {@code $HOME/.jupyter_kotlin/libraries/rhmlab.json}: the jars of this
 *     checkout's build (files, so the kernel resolves nothing and asks no repository), or, outside a checkout,
 *     rhmlab-kernel from the local Maven repository only;</li>
 * <li>nbconvert's output priority with PNG before SVG ({@code jupyter_nbconvert_config.json} in Jupyter's config
 *     directory, only if absent): Debian's nbconvert drops inline SVG from HTML.</li>
 * </ol>
 * {@code $HOME} is the environment's, as Jupyter reads it (the JVM's {@code user.home} comes from the password
 * database and ignores a changed {@code HOME}).
 */
public final class KernelInstaller {
    public static final String KERNEL_NAME = "rhmlab-kotlin";
    public static final List<String> JUPYTER_PACKAGES = List.of("jupyter-core", "jupyter-client", "jupyter-nbconvert",
            "python3-nbclient", "jupyter-notebook");

    /** The kernel's resolver skips classified runtime jars: the CPU natives are named explicitly (ext:classifier). */
    static final String PYTORCH_NATIVES = "ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1";
    /** The notebook's SLF4J provider, named explicitly: rhmlab-kernel declares it optional (the launcher's logger). */
    static final String SLF4J_SIMPLE = "org.slf4j:slf4j-simple:2.0.17";
    /**
     * Notebook integrations that {@code %use rhmlab} must not load although their jars come with it: dataframe's,
     * built for a newer kernel (its table renderer fails in 0.11; rhmlab renders frames itself). The kernel reads
     * this rule from the descriptor before it scans the new jars, which a rule set by rhmlab's integration is too late for.
     */
    public static final String DISCARDED_INTEGRATIONS = "org.jetbrains.kotlinx.dataframe.**";
    /** SLF4J (2.0.9 and newer) takes this provider class without a ServiceLoader search. */
    static final String SLF4J_PROVIDER = "slf4j.provider";
    static final String SIMPLE_PROVIDER_CLASS = "org.slf4j.simple.SimpleServiceProvider";
    /** SLF4J's own messages: without it, naming the provider prints an INFO line ("Attempting to load provider …"). */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** DJL's GPU probe warns about driver versions on CPU runs too (as in {@code Rhmlab.configureJvm}). */
    static final String SIMPLE_LOGGER_CUDA = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private final Path home;
    private final String version;
    private final PrintStream out;
    /** The jars {@code %use rhmlab} loads (this checkout's build); empty: rhmlab-kernel from the local Maven repository. */
    private final List<Path> jars;

    public KernelInstaller(Path home, String version, PrintStream out) {
        this(home, version, out, List.of());
    }

    public KernelInstaller(Path home, String version, PrintStream out, List<Path> jars) {
        this.home = home;
        this.version = version;
        this.out = out;
        this.jars = List.copyOf(jars);
    }

    /** {@code $HOME} as Jupyter sees it: the environment's, else the JVM's {@code user.home}. */
    public static Path userHome() {
        String h = System.getenv("HOME");
        return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
    }

    public Path kernelHome() {
        return home.resolve(".local/share/rhmlab/kotlin-kernel");
    }

    /** Where the kernelspec is: under Jupyter's own data directory ({@code jupyter --data-dir}). */
    public Path kernelSpecDir() {
        return jupyterDir("--data-dir", "JUPYTER_DATA_DIR", ".local/share/jupyter").resolve("kernels/" + KERNEL_NAME);
    }

    /**
     * A Jupyter directory as Jupyter reports it ({@code jupyter --data-dir} / {@code --config-dir}, which honour
     * {@code JUPYTER_DATA_DIR}, {@code JUPYTER_CONFIG_DIR} and {@code HOME}); without Jupyter, the same rule by hand.
     */
    Path jupyterDir(String flag, String env, String underHome) {
        String jupyter = jupyter();
        if (jupyter != null) {
            String dir = capture(List.of(jupyter, flag));
            if (dir != null && !dir.isBlank()) return Path.of(dir.strip());
        }
        String e = System.getenv(env);
        return e != null && !e.isBlank() ? Path.of(e) : home.resolve(underHome);
    }

    /** The jupyter command (Debian's first, as the launcher and the scripts use it), or null. */
    static String jupyter() {
        if (Files.isExecutable(Path.of("/usr/bin/jupyter"))) return "/usr/bin/jupyter";
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "jupyter"))) return Path.of(d, "jupyter").toString();
        }
        return null;
    }

    /**
     * The jars of the rhmlab checkout that holds {@code classes}, or empty outside one. The running code comes from
     * kernel/target/classes, or, through the launcher's class path of jars (which a class-data-sharing archive needs),
     * from kernel/target/rhmlab-kernel-VERSION.jar.
     */
    public static List<Path> checkoutJars(Path classes, String version) {
        Path target = classes.getParent();
        boolean fromClasses = classes.endsWith(Path.of("kernel", "target", "classes"));
        boolean fromJar = classes.endsWith(Path.of("kernel", "target", "rhmlab-kernel-" + version + ".jar"));
        if (!(fromClasses || fromJar) || target == null) return List.of();
        Path kernel = target.resolve("rhmlab-kernel-" + version + ".jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(kernel) || !Files.isDirectory(lib)) return List.of();
        List<Path> out = new ArrayList<>();
        out.add(kernel);
        // slf4j-simple stays in: notebook code sees only its own class path, not the kernel's logback, so without a
        // provider beside slf4j-api every `%use rhmlab` prints SLF4J's "NOP logger" warning (kernelJson names it, at WARN)
        out.addAll(KernelJars.list(lib));
        return out;
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
        changed += registerKernel(kernelJson(lib));
        changed += writeIfChanged(descriptor(), descriptorJson());
        Path nbconvert = jupyterDir("--config-dir", "JUPYTER_CONFIG_DIR", ".jupyter").resolve("jupyter_nbconvert_config.json");
        if (!Files.exists(nbconvert)) changed += writeIfChanged(nbconvert, NBCONVERT_CONFIG);
        if (jars.isEmpty()) {
            Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/io/rhmlab/rhmlab-kernel/" + version + "/rhmlab-kernel-" + version + ".jar");
            if (!Files.exists(jar))
                out.println("rhmlab: note: " + jar + " is missing; outside a checkout `%use rhmlab` loads it from the local Maven repository");
        } else {
            out.println("rhmlab: `%use rhmlab` loads this checkout's build (" + jars.get(0) + " and " + (jars.size() - 1) + " jars)");
        }
        out.println("rhmlab: kernel '" + KERNEL_NAME + "' registered (" + kernelSpecDir() + "); start notebooks with `./rhmlab notebook`");
        return changed;
    }

    /**
     * Registers the kernelspec with {@code jupyter kernelspec install --user --replace} (Jupyter puts it where it
     * looks); without Jupyter, writes it into the directory Jupyter would use. 1 when something changed.
     */
    int registerKernel(String json) {
        Path spec = kernelSpecDir().resolve("kernel.json");
        try {
            if (Files.exists(spec) && Files.readString(spec).equals(json)) return 0;
            String jupyter = jupyter();
            if (jupyter == null) return writeIfChanged(spec, json);
            Path tmp = Files.createTempDirectory("rhmlab-kernelspec").resolve(KERNEL_NAME);
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("kernel.json"), json);
            int rc = run(List.of(jupyter, "kernelspec", "install", "--user", "--replace", "--name", KERNEL_NAME, tmp.toString()));
            Files.delete(tmp.resolve("kernel.json"));
            Files.delete(tmp);
            Files.delete(tmp.getParent());
            if (rc != 0) throw new IllegalStateException("jupyter kernelspec install failed (exit " + rc + ")");
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line a command prints (null when it fails). */
    private static String capture(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String s = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? s.lines().findFirst().orElse(null) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
        // user.home = $HOME: the kernel reads its libraries (the %use descriptors) under it
        // The notebook's slf4j-api is named its provider: found by ServiceLoader it would also read the kernel's
        // logback service file, whose class the notebook cannot load ("LogbackServiceProvider not found" on every
        // `%use rhmlab`); the kernel's own slf4j-api (2.0.5) predates slf4j.provider and keeps its logback. The
        // provider, slf4j-simple (see checkoutJars), and SLF4J itself speak only about problems, as on the command line.
        List<String> argv = List.of(javaBin, "-Xmx6g", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-D" + SLF4J_PROVIDER + "=" + SIMPLE_PROVIDER_CLASS, "-D" + SLF4J_VERBOSITY + "=WARN",
                "-D" + SIMPLE_LOGGER_LEVEL + "=warn", "-D" + SIMPLE_LOGGER_CUDA + "=error",
                "-Duser.home=" + home,
                "-Dlogback.configurationFile=" + kernelHome().resolve("logback.xml"),
                "-cp", lib + "/*", KernelJars.MAIN_CLASS, "-classpath=" + scriptCp, "-home=" + kernelHome(), "{connection_file}");
        return "{\n  \"display_name\": \"Kotlin (rhmlab)\",\n  \"language\": \"kotlin\",\n  \"interrupt_mode\": \"message\",\n"
                + "  \"env\": {\"DJL_OFFLINE\": \"true\"" + nativeEnvironment() + "},\n  \"argv\": [\n    "
                + argv.stream().map(KernelInstaller::quote).collect(Collectors.joining(",\n    ")) + "\n  ]\n}\n";
    }

    /** The native engine's variables as further entries of the kernelspec's env object. */
    private static String nativeEnvironment() {
        return NativeEnvironment.VARIABLES.entrySet().stream()
                .map(e -> ", " + quote(e.getKey()) + ": " + quote(e.getValue())).collect(Collectors.joining());
    }

    /**
     * The {@code %use rhmlab} descriptor: this checkout's jars as files (nothing to resolve, no repository asked),
     * or outside a checkout rhmlab-kernel and the CPU natives from the local Maven repository only.
     */
    public String descriptorJson() {
        String head = "{\n  \"description\": \"rhmlab: Random Hierarchy Models, learning curves and sensitivity figures\",\n"
                + "  \"integrationTypeNameRules\": [\"-:" + DISCARDED_INTEGRATIONS + "\"],\n";
        if (!jars.isEmpty()) {
            return head + "  \"dependencies\": [\n    "
                    + jars.stream().map(j -> quote(j.toAbsolutePath().toString())).collect(Collectors.joining(",\n    ")) + "\n  ]\n}\n";
        }
        return head + "  \"repositories\": [\"*mavenLocal\"],\n"
                + "  \"dependencies\": [\"io.rhmlab:rhmlab-kernel:" + version + "\", \"" + PYTORCH_NATIVES + "\", \"" + SLF4J_SIMPLE + "\"]\n}\n";
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

package io.rhmlab.kernel.cli;

import io.rhmlab.kernel.install.KernelInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rhmlab notebook [DIR]}: the classic Jupyter Notebook on localhost. */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "Starts the classic Jupyter Notebook on localhost (127.0.0.1) in DIR (default notebooks/ when present).")
final class NotebookCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "Folder the notebook server opens (default: notebooks/ when present, else the working folder).")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8888",
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--browser", description = "Open a browser (default: print the URL only).")
    boolean browser;

    @Override
    public Integer call() throws Exception {
        // the kernel and `%use rhmlab` as this checkout's build: installed (only what is missing or changed) first
        KernelInstaller k = InstallKernelCommand.installer(System.out);
        k.install(!Files.exists(k.kernelSpecDir().resolve("kernel.json")), false);
        Path d = dir != null ? dir : (Files.isDirectory(Path.of("notebooks")) ? Path.of("notebooks") : Path.of("."));
        List<String> cmd = new ArrayList<>(List.of("jupyter", "notebook", "--ip=127.0.0.1", "--port=" + port,
                "--notebook-dir=" + d.toAbsolutePath()));
        if (!browser) cmd.add("--no-browser");
        if ("root".equals(System.getProperty("user.name"))) cmd.add("--allow-root");
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("DJL_OFFLINE", "true");
        return pb.start().waitFor();
    }
}

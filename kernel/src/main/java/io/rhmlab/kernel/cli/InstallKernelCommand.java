package io.rhmlab.kernel.cli;

import io.rhmlab.kernel.install.KernelInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rhmlab install-kernel}: Jupyter, the Kotlin kernel and the {@code %use rhmlab} descriptor, only what is missing. */
@Command(name = "install-kernel", mixinStandardHelpOptions = true,
        description = {"Installs what notebooks need and is missing: Jupyter (Debian packages), the Kotlin kernel's jars",
                "(Maven), the kernelspec '" + KernelInstaller.KERNEL_NAME + "' and the %%use rhmlab descriptor."})
final class InstallKernelCommand implements Callable<Integer> {
    @Option(names = "--no-packages", description = "Do not apt-get install Jupyter (already installed another way).")
    boolean noPackages;

    @Option(names = "--with-chromium", description = "Also install chromium (the CI screenshot check).")
    boolean chromium;

    @Override
    public Integer call() {
        installer(System.out).install(!noPackages, chromium);
        return 0;
    }

    /** The installer for {@code $HOME}, loading this checkout's build when run from one (the launcher does). */
    static KernelInstaller installer(java.io.PrintStream out) {
        String v = new Version().getVersion()[0].replace("rhmlab ", "");
        List<Path> jars = List.of();
        try {
            Path classes = Path.of(InstallKernelCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            jars = KernelInstaller.checkoutJars(classes, v);
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: not a checkout, use the local Maven repository
        }
        return new KernelInstaller(KernelInstaller.userHome(), v, out, jars);
    }
}

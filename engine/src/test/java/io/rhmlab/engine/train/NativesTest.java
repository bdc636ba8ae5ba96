package io.rhmlab.engine.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The libtorch preflight: which setups reach DJL, and what a user is told otherwise. */
class NativesTest {

    private static final Set<String> JNI = Set.of("cpu", "cu128");
    private static final Path LIBTORCH = Path.of("/opt/libtorch/lib");

    private static Natives cpuBuild() {
        return new Natives(true, null, null, null, null, null, JNI, false, "linux-x86_64");
    }

    private static Natives gpuBuild(Path dir, String flavor, String version, String build, boolean download) {
        return new Natives(false, dir == null ? null : dir.toString(), dir, flavor, version, build, JNI, download, "linux-x86_64");
    }

    @Test
    void theDefaultBuildNeedsNothing() {
        assertThat(cpuBuild().problem()).isNull();
    }

    @Test
    void theGpuBuildWithoutLibtorchOrPermissionRefusesToReachTheNetwork() {
        assertThat(gpuBuild(null, null, null, null, false).problem())
                .startsWith("no libtorch: this build leaves the CPU natives out")
                .contains("PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "--allow-download").doesNotContain("\n");
        assertThat(gpuBuild(null, null, null, null, true).problem()).isNull();
        assertThat(gpuBuild(null, "cu126", null, null, true).problem()).startsWith("PYTORCH_FLAVOR=cu126: ");
    }

    @Test
    void aUserLibtorchNeedsAFlavourWithAJni() {
        assertThat(gpuBuild(LIBTORCH, "cu128", null, "2.7.1+cu128", false).problem()).isNull();
        assertThat(gpuBuild(LIBTORCH, "cu128", "2.7.1", null, false).problem()).isNull();
        assertThat(gpuBuild(LIBTORCH, null, null, null, false).problem())
                .startsWith("PYTORCH_FLAVOR is not set").contains("cpu, cu128");
        assertThat(gpuBuild(LIBTORCH, "cu126", null, null, false).problem())
                .isEqualTo("PYTORCH_FLAVOR=cu126: DJL's JNI for libtorch 2.7.1 on linux-x86_64 exists for cpu, cu128 only; "
                        + "use a libtorch of one of these builds");
    }

    @Test
    void aUserLibtorchMustBeTheJnisVersion() {
        assertThat(gpuBuild(LIBTORCH, "cu128", "2.5.1", null, false).problem()).startsWith("PYTORCH_VERSION=2.5.1: ");
        assertThat(gpuBuild(LIBTORCH, "cu128", null, "2.8.0+cu128", false).problem())
                .contains("libtorch 2.8.0+cu128 in /opt/libtorch/lib (its build-version file)", "needs 2.7.1")
                .doesNotContain("unset");   // the GPU build has no other libtorch to offer
        // the CPU build pointed at another libtorch names both candidates and the variable that chooses
        Natives cpuPointedElsewhere = new Natives(true, LIBTORCH.toString(), LIBTORCH, "cpu", null, "1.13.1", JNI, false, "linux-x86_64");
        assertThat(cpuPointedElsewhere.problem()).contains("libtorch 1.13.1 in /opt/libtorch/lib", "needs 2.7.1",
                "unset PYTORCH_LIBRARY_PATH to use this build's own CPU libtorch 2.7.1");
    }

    /**
     * A system PyTorch (Debian's python3-torch puts libtorch 1.13 in the system library folder, on java.library.path) is
     * not what DJL loads: the bundled CPU libtorch is, and nothing is refused or asked for.
     */
    @Test
    void aSystemLibtorchOnTheLibraryPathIsNoReasonToRefuse(@TempDir Path dir) throws Exception {
        Path system = Files.createDirectories(dir.resolve("usr/lib/x86_64-linux-gnu"));
        Files.writeString(system.resolve("libtorch.so"), "");
        Files.writeString(system.resolveSibling("build-version"), "1.13.1\n");
        String before = System.getProperty("java.library.path");
        try {
            System.setProperty("java.library.path", system + java.io.File.pathSeparator + before);
            Natives here = Natives.probe();
            assertThat(here.libtorchDir()).isNull();
            assertThat(here.buildVersion()).isNull();
            assertThat(here.problem()).isNull();
        } finally {
            System.setProperty("java.library.path", before);
        }
    }

    @Test
    void aLibraryPathWithoutLibtorchIsNamed() {
        Natives n = new Natives(true, "/nowhere", null, "cu128", null, null, JNI, false, "linux-x86_64");
        assertThat(n.problem()).isEqualTo("PYTORCH_LIBRARY_PATH=/nowhere holds no libtorch.so: point it at the lib folder "
                + "of an unpacked libtorch 2.7.1");
    }

    @Test
    void libtorchIsFoundAsDjlSearchesAPathList(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        assertThat(Natives.libtorchIn(dir + ":" + lib)).isNull();
        Files.writeString(lib.resolve("libtorch.so"), "");
        assertThat(Natives.libtorchIn(dir + ":" + lib)).isEqualTo(lib.toAbsolutePath());
        assertThat(Natives.libtorchIn(lib.resolve("libtorch.so").toString())).isEqualTo(lib.toAbsolutePath());
    }

    @Test
    void thisClassPathCarriesTheCpuNativesAndTheJniFlavours() {
        Natives here = Natives.probe();
        assertThat(here.bundled()).isTrue();
        // DJL 0.36.0's JNI jar (2.7.1-0.36.0) ships linux-x86_64 builds for cpu and cu128
        if (here.classifier().equals("linux-x86_64")) assertThat(here.jniFlavors()).contains("cpu", "cu128");
        assertThat(here.problem()).isNull();
    }
}

package io.rhmlab.kernel.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KernelInstallerTest {

    @TempDir
    Path dir;

    private Path touch(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void aCheckoutLoadsItsOwnJarsKernelJarFirstWithAnSlf4jProvider() throws Exception {
        Path target = dir.resolve("repo/kernel/target");
        Path kernel = touch(target.resolve("rhmlab-kernel-1.2.3.jar"));
        Path dsl = touch(target.resolve("lib/rhmlab-dsl-1.2.3.jar"));
        Path api = touch(target.resolve("lib/slf4j-api-2.0.17.jar"));
        Path simple = touch(target.resolve("lib/slf4j-simple-2.0.17.jar"));
        Path djl = touch(target.resolve("lib/api-0.35.1.jar"));
        Files.createDirectories(target.resolve("classes"));
        // slf4j-api without a provider beside it would make every `%use rhmlab` print SLF4J's NOP-logger warning
        assertThat(KernelInstaller.checkoutJars(target.resolve("classes"), "1.2.3")).containsExactly(kernel, djl, dsl, api, simple);
        // the launcher runs the checkout from its kernel jar (a class path of jars only, for the CDS archive)
        assertThat(KernelInstaller.checkoutJars(kernel, "1.2.3")).containsExactly(kernel, djl, dsl, api, simple);
        // not a checkout (a jar from a Maven repository), or a checkout not packaged yet
        assertThat(KernelInstaller.checkoutJars(dir.resolve("m2/rhmlab-kernel-1.2.3.jar"), "1.2.3")).isEmpty();
        assertThat(KernelInstaller.checkoutJars(target.resolve("classes"), "9.9.9")).isEmpty();
    }

    @Test
    void theDescriptorOfACheckoutNamesFilesAndNoRepository() throws Exception {
        Path jar = touch(dir.resolve("repo/kernel/target/rhmlab-kernel-1.2.3.jar"));
        Path lib = touch(dir.resolve("repo/kernel/target/lib/sqlite-jdbc-3.50.3.0.jar"));
        KernelInstaller k = new KernelInstaller(dir.resolve("home"), "1.2.3", new PrintStream(new ByteArrayOutputStream()), List.of(jar, lib));
        String json = k.descriptorJson();
        assertThat(json).contains("\"" + jar.toAbsolutePath() + "\"", "\"" + lib.toAbsolutePath() + "\"")
                .doesNotContain("repositories").doesNotContain("io.rhmlab:rhmlab-kernel")
                .contains("\"integrationTypeNameRules\": [\"-:org.jetbrains.kotlinx.dataframe.**\"]");
        // outside a checkout: the local Maven repository only
        String m2 = new KernelInstaller(dir.resolve("home"), "1.2.3", new PrintStream(new ByteArrayOutputStream())).descriptorJson();
        assertThat(m2).contains("\"repositories\": [\"*mavenLocal\"]", "io.rhmlab:rhmlab-kernel:1.2.3", "org.slf4j:slf4j-simple:");
    }

    @Test
    void theKernelRunsWithTheGivenHomeAsItsUserHome() {
        Path home = dir.resolve("fresh-home");
        KernelInstaller k = new KernelInstaller(home, "1.2.3", new PrintStream(new ByteArrayOutputStream()));
        assertThat(k.descriptor()).isEqualTo(home.resolve(".jupyter_kotlin/libraries/rhmlab.json"));
        assertThat(k.kernelHome().startsWith(home)).isTrue();
        assertThat(k.kernelJson(k.kernelHome().resolve("lib"))).contains("\"-Duser.home=" + home + "\"", "-Dai.djl.offline=true",
                "\"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn\"", "\"-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider\"",
                "\"-Dslf4j.internal.verbosity=WARN\"");
    }

    @Test
    void theKernelStartsWithTheNativeEnvironment() {
        KernelInstaller k = new KernelInstaller(dir.resolve("h"), "1.2.3", new PrintStream(new ByteArrayOutputStream()));
        String json = k.kernelJson(k.kernelHome().resolve("lib"));
        io.rhmlab.engine.train.NativeEnvironment.VARIABLES.forEach((name, value) ->
                assertThat(json).contains("\"" + name + "\": \"" + value + "\""));
    }

    @Test
    void homeIsTheEnvironmentsAsJupyterReadsIt() {
        String env = System.getenv("HOME");
        assertThat(KernelInstaller.userHome()).isEqualTo(Path.of(env != null && !env.isBlank() ? env : System.getProperty("user.home")));
    }
}

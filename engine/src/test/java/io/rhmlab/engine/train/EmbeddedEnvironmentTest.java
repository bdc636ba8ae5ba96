package io.rhmlab.engine.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started without the launcher's environment (an application embedding rhmlab): the engine's first use puts
 * MKL's reproducibility mode into the native environment, MKL runs with it, and DJL is offline; a value the user
 * set is kept. Each case is a fresh JVM, since MKL reads its mode once.
 */
@Tag("slow")
class EmbeddedEnvironmentTest {

    private static String run(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1", EmbeddedMklProbe.class.getName())).redirectErrorStream(true);
        for (String k : List.of("MKL_CBWR", "DJL_OFFLINE", "OPT_OUT_TRACKING")) pb.environment().remove(k);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void anUnsetModeIsSetInProcessBeforeLibtorchLoadsAndMklRunsWithIt() throws Exception {
        String out = run(Map.of());
        assertThat(out).contains("java=null")                          // the JVM started without it…
                .contains("native=" + NativeEnvironment.MKL_CBWR)          // …native code sees it…
                .contains("strict=true")                                   // …and MKL runs in its strict mode
                .contains("offline=true optOut=true")
                .doesNotContain("could not be set");
    }

    @Test
    void theUsersOwnSettingsAreKept() throws Exception {
        String out = run(Map.of("MKL_CBWR", "COMPATIBLE", "OPT_OUT_TRACKING", "false"));
        assertThat(out).contains("native=COMPATIBLE\n").contains("mkl=3 strict=false")   // MKL_CBWR_COMPATIBLE is 3
                .contains("optOut=null");                                  // the property stays unset: DJL reads the variable
    }
}

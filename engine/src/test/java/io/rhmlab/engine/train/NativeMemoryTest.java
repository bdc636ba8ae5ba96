package io.rhmlab.engine.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocator tunables reach every JVM that trains: the test JVMs (set by the poms, so this one has them), and
 * the launcher, whose copy of the value must be {@link NativeMemory#TUNABLES}.
 */
class NativeMemoryTest {

    @Test
    void thisTestJvmStartedWithTheTunables() {
        assertThat(NativeMemory.tuned()).isTrue();
        assertThat(System.getenv("GLIBC_TUNABLES")).isEqualTo(NativeMemory.TUNABLES);
    }

    @Test
    void theLauncherAndEveryPomCarryTheSameValue() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in the module folder
        for (String file : new String[] {"rhmlab", "pom.xml", "spark/pom.xml"}) {
            assertThat(Files.readString(root.resolve(file))).as(file).contains(NativeMemory.TUNABLES);
        }
    }
}

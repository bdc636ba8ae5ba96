package io.rhmlab.engine.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native environment reaches every JVM that trains: the test JVMs (set by the poms, so this one has it), and
 * the launcher, whose copies of the values must be {@link NativeEnvironment#VARIABLES}.
 */
class NativeEnvironmentTest {

    @Test
    void thisTestJvmStartedWithTheVariables() {
        for (Map.Entry<String, String> e : NativeEnvironment.VARIABLES.entrySet()) {
            assertThat(System.getenv(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(NativeEnvironment.allocatorTuned()).isTrue();
    }

    @Test
    void theLauncherAndEveryPomCarryTheSameValues() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in the module folder
        String launcher = Files.readString(root.resolve("rhmlab"));
        for (Map.Entry<String, String> e : NativeEnvironment.VARIABLES.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            assertThat(launcher).as("rhmlab sets " + k).contains("export " + k + "=\"${" + k + ":-" + v + "}\"");
            for (String pom : new String[] {"pom.xml", "spark/pom.xml"}) {
                assertThat(Files.readString(root.resolve(pom))).as(pom + " sets " + k).contains("<" + k + ">" + v + "</" + k + ">");
            }
        }
    }
}

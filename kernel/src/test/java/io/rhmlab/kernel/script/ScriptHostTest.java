package io.rhmlab.kernel.script;

import io.rhmlab.kernel.cli.CliRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhmlab run FILE.rhm.kts}: scripts see the DSL without imports and report errors by file and line. */
@Tag("slow")
class ScriptHostTest {

    @TempDir
    Path dir;

    @Test
    void aScriptBuildsAHierarchyAndPrintsItsSummary() throws IOException {
        Path script = write("tiny.rhm.kts", """
                val task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 3; seed = 1 }
                println(task.summary())
                println("net " + cnn { width = 32 }.label() + ", args " + args.joinToString(","))
                println("also imported: " + RunStore.DEFAULT_FILE + " " + Path.of("a", "b").fileName + " " + DeviceChoice.CPU)
                """);
        CliRun run = CliRun.of("run", script.toString(), "x", "y");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("RHM(v=4, n_c=4, m=4, s=2, L=3) d=8 P_max=65536 n_c·m^L=256")
                .contains("net CNN(H=32), args x,y")
                .contains("also imported: rhmlab-runs.sqlite b CPU");   // the notebooks' default imports too
    }

    @Test
    void aScriptTurnsTheStoreIntoADataFrame() throws IOException {
        Path script = write("frames.rhm.kts", """
                import org.jetbrains.kotlinx.dataframe.api.*
                val runs = RunStore.open(Path.of(args[0])).use { it.toDataFrame() }
                println("columns " + runs.columnNames().take(7).joinToString(","))
                println("cnn runs " + runs.filter { "arch"<String?>() == "cnn" }.rowsCount())
                """);
        CliRun run = CliRun.of("run", script.toString(), dir.resolve("empty.sqlite").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("columns id,key,v,n_c,m,s,L").contains("cnn runs 0");
    }

    @Test
    void aCompileErrorIsReportedWithFileAndLine() throws IOException {
        Path script = write("broken.rhm.kts", """
                val task = rhm { v = 4; m = 4; L = 3 }
                println(task.nonsense)
                """);
        CliRun run = CliRun.of("run", script.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("broken.rhm.kts:2:").contains("error:").contains("nonsense");
    }

    @Test
    void aSpecErrorInAScriptNamesTheLineAndTheParameter() throws IOException {
        Path script = write("bad.rhm.kts", """
                println("before")
                val task = rhm { v = 8; m = 9; L = 3 }
                """);
        CliRun run = CliRun.of("run", script.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("bad.rhm.kts:2: m: ").doesNotContain("\tat ");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

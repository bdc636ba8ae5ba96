package io.rhmlab.engine.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same run spec gives the same bits under three schedules, each in a JVM of its own: alone on one thread, in
 * one ensemble with members of other sizes, batch widths and learning rates on two threads, and in two ensembles
 * trained at once on two threads, as lanes do (docs/choices.md, "Determinism").
 */
@Tag("slow")
class ScheduleIndependenceTest {

    private static Map<String, String> membersOf(String schedule) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ScheduledRun.class.getName(), schedule)).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(schedule + ": " + out + err).isZero();
        Map<String, String> members = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("target ")) continue;
            int colon = line.indexOf(':');
            members.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return members;
    }

    @Test
    void aRunComputesTheSameBitsAloneInAnEnsembleAndInLanes() throws Exception {
        Map<String, String> alone = membersOf("alone"), together = membersOf("together"), lanes = membersOf("lanes");
        assertThat(alone).containsOnlyKeys("target A", "target B");
        for (var e : alone.entrySet()) {
            assertThat(together.get(e.getKey())).as("%s in one ensemble on two threads", e.getKey()).isEqualTo(e.getValue());
            assertThat(lanes.get(e.getKey())).as("%s in two ensembles trained at once", e.getKey()).isEqualTo(e.getValue());
        }
        // the members differ from one another: the comparison is not between constants
        assertThat(alone.get("target A")).isNotEqualTo(alone.get("target B"));
    }
}

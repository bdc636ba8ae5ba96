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
 * trained at once on two threads, as lanes do (docs/choices.md, "Determinism"); and the transformer, trained through
 * autograd, under garbage collections.
 */
@Tag("slow")
class ScheduleIndependenceTest {

    private static Map<String, String> membersOf(String schedule) throws IOException, InterruptedException {
        return membersOf(schedule, "cnn", "");
    }

    private static Map<String, String> membersOf(String schedule, String network, String collecting)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ScheduledRun.class.getName(), schedule, network, collecting)).redirectErrorStream(false).start();
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

    /**
     * The transformer trains through autograd. Garbage collections that fall between a forward and a backward pass
     * once freed the constants the backward pass reads (engine.net.Constants), so that gradients differed from run
     * to run. Here collections run every few milliseconds, in every schedule but one: a run alone without them,
     * two alone with them, one ensemble on two threads, and two ensembles at once with two intra-op threads each.
     */
    @Test
    void theTransformerComputesTheSameBitsUnderGarbageCollections() throws Exception {
        sameBitsCollectingGarbage("transformer", "alone", "alone", "together", "lanes2");
    }

    /**
     * Adam trains the CNN through autograd too, whose readout multiplies by a constant: the same bits with garbage
     * collections running (before the fix, three runs with them gave three different results).
     */
    @Test
    void aCnnTrainedByAdamComputesTheSameBitsUnderGarbageCollections() throws Exception {
        sameBitsCollectingGarbage("cnn-adam", "alone", "together");
    }

    /** {@code network} trained alone without collections, then under each schedule with them: the same bits. */
    private static void sameBitsCollectingGarbage(String network, String... schedules) throws Exception {
        Map<String, String> alone = membersOf("alone", network, "");
        assertThat(alone).containsOnlyKeys("target A", "target B");
        assertThat(alone.get("target A")).isNotEqualTo(alone.get("target B"));
        for (int i = 0; i < schedules.length; i++) {
            assertThat(membersOf(schedules[i], network, "collecting"))
                    .as("%s, schedule %d of %d (%s), collecting garbage", network, i + 1, schedules.length, schedules[i])
                    .isEqualTo(alone);
        }
    }
}

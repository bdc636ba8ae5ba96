package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code curve --find-pstar} end to end on a tiny task, and its input checks. */
@Tag("slow")
class FindPStarCommandTest {

    @TempDir
    Path dir;

    private String[] args(String store, String... more) {
        String[] base = {"curve", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8", "--seeds", "1",
                "--max-epochs", "2", "--check-every", "1", "--test", "64", "--device", "cpu", "--threads", "1", "--store", store};
        String[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void aSearchThatCannotReachTheThresholdSaysSoAndASecondSearchTrainsNothing() throws Exception {
        // P_max = 256 and 64 test points cap P at 192; two epochs of a width-8 net stay far above 10 % error
        String store = dir.resolve("runs.sqlite").toString();
        CliRun first = CliRun.of(args(store, "--find-pstar"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("P* search (threshold 0.1, tolerance 0.15, from the theory scale 64, P in [1, 192])")
                .contains("P* not reached").contains("up to the cap P = 192").contains("trained 2 members");

        CliRun second = CliRun.of(args(store, "--find-pstar", "--tolerance", "0.3", "--json"));
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(second.out().substring(second.out().indexOf('{')));
        assertThat(json.path("search").path("trained").asLong()).isZero();
        assertThat(json.path("search").path("reused").asLong()).isEqualTo(2);
        assertThat(json.path("search").path("outcome").asText()).isEqualTo("NOT_REACHED");
        assertThat(json.path("search").path("tolerance").asDouble()).isEqualTo(0.3);
        assertThat(json.path("points")).hasSize(2);   // the searched points, as a curve
        assertThat(json.path("search").path("pilotSeeds").asInt()).isEqualTo(1);
        assertThat(json.path("search").path("rounds").get(0).path("seeds")).hasSize(1);
        assertThat(json.path("search").path("rounds").get(0).path("seeds").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void badCombinationsAreOneLineErrors() {
        String store = dir.resolve("bad.sqlite").toString();
        CliRun both = CliRun.of(args(store, "--find-pstar", "--sizes", "32"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("error: find-pstar: ").hasLineCount(1);

        CliRun tol = CliRun.of(args(store, "--find-pstar", "--tolerance", "1.5"));
        assertThat(tol.exitCode()).isEqualTo(2);
        assertThat(tol.err()).startsWith("error: tolerance: ").contains("(0, 1)").hasLineCount(1);

        CliRun zero = CliRun.of(args(store, "--find-pstar", "--tolerance", "0"));
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("error: tolerance: ").hasLineCount(1);

        CliRun alone = CliRun.of(args(store, "--sizes", "32", "--tolerance", "0.2"));
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).startsWith("error: tolerance: ").hasLineCount(1);

        CliRun pilot = CliRun.of(args(store, "--find-pstar", "--pilot-seeds", "-1"));
        assertThat(pilot.exitCode()).isEqualTo(2);
        assertThat(pilot.err()).startsWith("error: pilotSeeds: ").contains("≥ 0").hasLineCount(1);

        CliRun pilotAlone = CliRun.of(args(store, "--sizes", "32", "--pilot-seeds", "1"));
        assertThat(pilotAlone.exitCode()).isEqualTo(2);
        assertThat(pilotAlone.err()).startsWith("error: pilot-seeds: ").hasLineCount(1);

        CliRun none = CliRun.of(args(store));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("error: sizes: ").hasLineCount(1);
    }
}

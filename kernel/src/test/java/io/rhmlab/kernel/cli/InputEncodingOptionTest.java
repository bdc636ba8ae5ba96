package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.data.Encoding;
import io.rhmlab.dsl.net.Architecture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference's {@code --whitening 1} and the encodings by name reach the network spec (parsed only, nothing trains). */
class InputEncodingOptionTest {

    private static Architecture parsed(String... network) {
        String[] args = new String[network.length + 9];
        System.arraycopy(new String[]{"train", "--v", "4", "--m", "2", "--L", "2", "--train", "32"}, 0, args, 0, 9);
        System.arraycopy(network, 0, args, 9, network.length);
        CommandLine rhmlab = Rhmlab.commandLine();
        rhmlab.parseArgs(args);
        TrainCommand train = rhmlab.getSubcommands().get("train").getCommand();
        return train.network.architecture();
    }

    @Test
    void whiteningIsTheCentredEncoding() {
        assertThat(parsed("--arch", "cnn", "--whitening").input()).isEqualTo(Encoding.CENTRED);
        assertThat(parsed("--arch", "cnn", "--input", "centred").input()).isEqualTo(Encoding.CENTRED);
        assertThat(parsed("--arch", "cnn").input()).isEqualTo(Encoding.ONE_HOT);
    }

    @Test
    void encodingsByName() {
        assertThat(parsed("--arch", "lcn", "--input", "reference-srhm").input()).isEqualTo(Encoding.REFERENCE_SRHM);
        assertThat(parsed("--arch", "lcn", "--input", "ONE_HOT").input()).isEqualTo(Encoding.ONE_HOT);
    }

    @Test
    void unknownOrContradictoryEncodingsAreRefusedByName() {
        assertThatThrownBy(() -> parsed("--arch", "cnn", "--input", "sparse"))
                .hasMessageContaining("--input")
                .hasMessageContaining("one-hot, centred, reference-srhm");
        assertThatThrownBy(() -> parsed("--arch", "cnn", "--whitening", "--input", "one-hot"))
                .hasMessageContaining("--whitening means --input centred");
    }
}

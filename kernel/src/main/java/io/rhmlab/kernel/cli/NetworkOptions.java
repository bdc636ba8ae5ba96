package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.data.Encoding;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.ArchitectureBuilder;
import io.rhmlab.dsl.net.Kind;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Spec;

/** The network flags of {@code train} and {@code curve}; unset flags keep {@link ArchitectureBuilder}'s defaults. */
final class NetworkOptions {

    @Option(names = "--arch", required = true, paramLabel = "KIND",
            description = "Network: cnn, lcn, fcn, fcn_lcn_units (an FCN with the LCN's unit counts) or transformer (the "
                    + "reference's attention-only MLA, for --task last-token).")
    Kind kind;

    @Option(names = {"--width", "--embedding"}, paramLabel = "H",
            description = "Width H: channels or units per hidden layer (default " + ArchitectureBuilder.DEFAULT_WIDTH
                    + "); a transformer's embedding dimension d (default " + ArchitectureBuilder.DEFAULT_TRANSFORMER_EMBEDDING + ").")
    Integer width;

    @Option(names = "--hidden-layers", paramLabel = "D",
            description = "Hidden layers (default: L for cnn/lcn/fcn_lcn_units/transformer, log_s of the context for cnn/lcn on a "
                    + "last-token window, " + ArchitectureBuilder.DEFAULT_FCN_HIDDEN_LAYERS + " for fcn).")
    Integer hiddenLayers;

    @Option(names = "--heads", paramLabel = "H", description = "Attention heads of a transformer (default "
            + ArchitectureBuilder.DEFAULT_TRANSFORMER_HEADS + "); they split d.")
    Integer heads;

    /** The old name of {@code --hidden-layers} ({@code --L} is the hierarchy's depth). */
    @Option(names = "--depth", hidden = true, paramLabel = "D", description = "Deprecated: the old name of --hidden-layers.")
    Integer depth;

    @Option(names = "--input", paramLabel = "ENCODING", converter = InputEncoding.Words.class,
            description = "Input encoding: one-hot (default), centred ((x − 1/v)/√(1 − 1/v) per position) or reference-srhm "
                    + "(the Sparse-RHM code's stored data: 1 at the token, −1/√(v−1) elsewhere and at blanks).")
    InputEncoding input;

    @Option(names = "--whitening", description = "The reference code's --whitening 1: the same as --input centred.")
    boolean whitening;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--reference-old", description = "The old reference parametrisation (÷√C_in, positional biases).")
    boolean referenceOld;

    Architecture architecture() {
        ArchitectureBuilder b = switch (kind) {
            case CNN -> Architecture.cnn();
            case LCN -> Architecture.lcn();
            case FCN -> Architecture.fcn();
            case FCN_LCN_UNITS -> Architecture.fcnLcnUnits();
            case TRANSFORMER -> Architecture.transformer();
        };
        if (heads != null) b.heads(heads);
        if (width != null) b.width(width);
        if (depth != null) {
            hiddenLayers = DeprecatedOption.either(command, hiddenLayers, "--hidden-layers", depth, "--depth");
            depth = null;
        }
        if (hiddenLayers != null) b.hiddenLayers(hiddenLayers);
        if (referenceOld) b.referenceOld();
        if (whitening && input != null && input != InputEncoding.CENTRED) {
            throw new ParameterException(command.commandLine(),
                    "--whitening means --input centred; it cannot be combined with --input " + input.word);
        }
        if (whitening) b.input(Encoding.CENTRED);
        else if (input != null) b.input(input.encoding);
        return b.build();
    }

    /** The encodings the command line names, in its own words. */
    enum InputEncoding {
        ONE_HOT("one-hot", Encoding.ONE_HOT),
        CENTRED("centred", Encoding.CENTRED),
        REFERENCE_SRHM("reference-srhm", Encoding.REFERENCE_SRHM);

        final String word;
        final Encoding encoding;

        InputEncoding(String word, Encoding encoding) {
            this.word = word;
            this.encoding = encoding;
        }

        @Override public String toString() { return word; }

        /** Reads the words above (any case, '_' for '-'), naming them all when the word is none of them. */
        static final class Words implements ITypeConverter<InputEncoding> {
            @Override public InputEncoding convert(String text) {
                String w = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
                for (InputEncoding e : values()) if (e.word.equals(w)) return e;
                throw new TypeConversionException(
                        "'" + text + "' is not an encoding: expected one of one-hot, centred, reference-srhm");
            }
        }
    }
}

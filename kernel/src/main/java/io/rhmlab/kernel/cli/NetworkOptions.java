package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.ArchitectureBuilder;
import io.rhmlab.dsl.net.Kind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        return b.build();
    }
}

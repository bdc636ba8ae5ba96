package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import picocli.CommandLine.Option;

import java.util.List;

/** The training-set sizes of a curve: listed, or log-spaced in units of n_c·m^L (one of the two). */
final class SizesOptions {

    @Option(names = "--sizes", split = ",", paramLabel = "P", description = "Training-set sizes P.")
    List<Long> sizes;

    @Option(names = "--sizes-around", paramLabel = "FROM:TO:POINTS",
            description = "POINTS sizes log-spaced from FROM to TO times n_c·m^L, e.g. 0.25:16:10.")
    String around;

    long[] sizes(Hierarchy h) {
        if (sizes != null) return sizes.stream().mapToLong(Long::longValue).toArray();
        String[] parts = around.split(":");
        InvalidSpecException.require(parts.length == 3, "sizes-around", "expected FROM:TO:POINTS, got '" + around + "'");
        try {
            return h.sizesAround(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("sizes-around", "expected numbers FROM:TO:POINTS, got '" + around + "'");
        }
    }
}

package io.rhmlab.engine.science;

import io.rhmlab.dsl.InvalidSpecException;

import java.util.List;

/** The catalogue of named reproductions ({@code rhmlab reproduce NAME}). */
public final class Reproductions {
    private Reproductions() {
    }

    public static List<Reproduction> all() {
        return List.of(CnnCollapse.REPRODUCTION, RhmSensitivity.REPRODUCTION, SrhmLcnCnn.REPRODUCTION, CorrelationCrossover.REPRODUCTION,
                LearnersComparison.REPRODUCTION, RhmCnnMultiplicity.REPRODUCTION, RhmCnnClasses.REPRODUCTION, RhmCnnDepth.REPRODUCTION,
                RhmFcnPmax.REPRODUCTION, SrhmSparsity.REPRODUCTION, SrhmInvariance.REPRODUCTION, LastTokenSteps.REPRODUCTION);
    }

    public static Reproduction byName(String name) {
        for (Reproduction r : all()) if (r.name().equalsIgnoreCase(name)) return r;
        throw new InvalidSpecException("reproduction", "unknown reproduction '" + name + "'; known: "
                + String.join(", ", all().stream().map(Reproduction::name).toList()));
    }

    public static ReproductionReport run(String name, ReproductionContext context) {
        return byName(name).run(context);
    }
}

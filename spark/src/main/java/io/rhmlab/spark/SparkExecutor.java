package io.rhmlab.spark;

import io.rhmlab.engine.cluster.ClusterExecutor;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.LearningCurve;

/**
 * Apache Spark as a {@link ClusterExecutor}, found by the engine through {@code META-INF/services}: this is how
 * {@code rhmlab sweep} reaches Spark without the kernel depending on this module.
 */
public final class SparkExecutor implements ClusterExecutor {

    /** The name {@code rhmlab sweep} looks for. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LearningCurve attach(LearningCurve curve, ClusterOptions options) {
        return SparkSweep.with(options).attach(curve);
    }
}

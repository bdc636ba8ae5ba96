package io.rhmlab.engine.net;

import io.rhmlab.dsl.Seeds;

import java.util.SplittableRandom;

/**
 * Deterministic i.i.d. N(0, 1) values from a member's model seed (its INIT stream, {@link Seeds}), generated on the JVM (Box–Muller on a
 * {@link SplittableRandom}) so that a member's initial weights are the same bytes whether it trains alone or
 * inside an ensemble, on any device.
 */
final class GaussianInit {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    GaussianInit(long seed) {
        this.random = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.INIT));
    }

    float next() {
        if (hasSpare) {
            hasSpare = false;
            return (float) spare;
        }
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 == 0.0);
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spare = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return (float) (r * Math.cos(2 * Math.PI * u2));
    }

    float[] fill(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) out[i] = next();
        return out;
    }
}

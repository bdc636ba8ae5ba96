package io.rhmlab.engine.net;

import java.util.List;

/** A member's parameter values ({@link MemberWeights#values()}) widened to doubles, for gradient checks in double precision. */
public final class WeightValues {
    private WeightValues() {
    }

    public static double[][] toDouble(List<float[]> values) {
        double[][] out = new double[values.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] f = values.get(i);
            out[i] = new double[f.length];
            for (int j = 0; j < f.length; j++) out[i][j] = f[j];
        }
        return out;
    }
}

package io.rhmlab.engine.net;

import java.util.List;

/**
 * One member's parameters on the host, in {@link NetLayout#parameterShapes()} order: enough to rebuild the
 * trained network later (observables, a run store) without retraining.
 */
public record MemberWeights(List<long[]> shapes, List<float[]> values) {
    public MemberWeights {
        shapes = List.copyOf(shapes);
        values = List.copyOf(values);
        if (shapes.size() != values.size()) {
            throw new IllegalArgumentException("shapes (" + shapes.size() + ") and values (" + values.size() + ") differ in count");
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (NetLayout.elements(shapes.get(i)) != values.get(i).length) {
                throw new IllegalArgumentException("tensor " + i + " has " + values.get(i).length + " values for shape "
                        + java.util.Arrays.toString(shapes.get(i)));
            }
        }
    }
}

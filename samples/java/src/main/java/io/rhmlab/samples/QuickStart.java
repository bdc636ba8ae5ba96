package io.rhmlab.samples;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.Status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quick start of {@code samples/quickstart.rhm.kts} in plain Java: learning curves of a deep CNN and of a
 * fully connected network on a small Random Hierarchy Model, on the CPU. P1 predicts that the CNN needs
 * P* ~ n_c·m^L samples and the FCN far more. Results go to the run store in the working folder, so a second
 * run reuses them.
 *
 * <p>A program of its own: {@code samples/java} is a small Maven project that depends on the installed rhmlab
 * artifacts, as an application would ({@code samples/java/README.md}); it is also compiled with the kernel's tests, so it
 * cannot drift from the API. It sets nothing for DJL or MKL: rhmlab does that before its engine starts.
 */
public final class QuickStart {

    /** RHM with v = n_c = m = 4, s = 2, L = 3: n_c·m^L = 256, P_max = 65 536. */
    public static Hierarchy task() {
        return Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build();
    }

    public static Map<String, Architecture> networks() {
        Map<String, Architecture> nets = new LinkedHashMap<>();
        nets.put("CNN", Architecture.cnn().width(64).build());
        nets.put("FCN", Architecture.fcn().width(64).hiddenLayers(2).build());
        return nets;
    }

    /** The curve of one network, declared (validated by {@code spec()}, trained by {@code run()}). */
    public static LearningCurve curve(Hierarchy task, Architecture network) {
        return LearningCurve.of(task)
                .model(network)
                // batch 32: enough steps per epoch for the smallest P to reach loss 1e-3 (as samples/quickstart.rhm.kts)
                .training(Training.sgd(0.2).momentum(0.9).batch(32).lossThreshold(1e-3).maxEpochs(400).checkEvery(10))
                .sizes(task.sizesAround(0.5, 4.0, 4))
                .seeds(2)
                .testSize(4096)
                .device(DeviceChoice.CPU);
    }

    public static void main(String[] args) {
        Hierarchy task = task();
        double scale = task.sampleComplexityScale().doubleValue();
        System.out.println(task.summary());
        for (Map.Entry<String, Architecture> net : networks().entrySet()) {
            LearningCurveResult curve = curve(task, net.getValue()).run();
            System.out.printf("%n%s: %s, %d seeds, %d trained, %d reused%n", net.getKey(), net.getValue().label(),
                    curve.seeds(), curve.trained(), curve.reused());
            System.out.printf("%8s  %12s  %10s%n", "P", "P/(n_c·m^L)", "test error");
            curve.medianTestError().forEach((p, error) -> System.out.printf("%8d  %12.3g  %10.4f%n", p, p / scale, error));
            long converged = curve.members().stream().filter(m -> m.status() == Status.CONVERGED).count();
            System.out.printf("trained to loss ≤ 1e-3: %d of %d members%n", converged, curve.members().size());
            System.out.println(curve.sampleComplexity().label(scale, "n_c·m^L"));
        }
    }

    private QuickStart() {
    }
}

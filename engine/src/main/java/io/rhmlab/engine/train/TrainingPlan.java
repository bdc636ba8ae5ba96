package io.rhmlab.engine.train;

import ai.djl.Device;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.train.Optimizer;
import io.rhmlab.dsl.train.Schedule;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.NetLayout;

import java.util.List;

/**
 * How an ensemble trains, decided once, before its first step, and read everywhere else: each member's base rate,
 * the form of the update and which step computes it. Every decision reads the members' own specs, the network and
 * the device, never the company a member keeps, so a run computes the same bits alone and in any ensemble
 * (docs/choices.md, "Determinism").
 *
 * @param training  the training spec the members share (their learning rates aside)
 * @param baseRates per member, the rate before the schedule: the spec's rate, times the width H under the
 *                  mean-field scaling ({@link Training#effectiveLearningRate})
 * @param folded    SGD with momentum at constant rates: each member's rate is folded into its gradient and its
 *                  momentum buffer holds η·buf ({@link UpdateRule})
 * @param scripted  the step is one TorchScript call ({@link ScriptedStep}) rather than DJL's operators
 */
record TrainingPlan(Training training, double[] baseRates, boolean folded, boolean scripted) {

    /**
     * @param everyTensorTrains no layer is frozen (a later stage of layerwise training freezes the layers below)
     * @param scriptedStep      the settings allow the scripted step ({@link TrainerSettings#scriptedStep()})
     */
    static TrainingPlan of(List<RunSpec> members, NetLayout layout, Device device, boolean everyTensorTrains,
                           boolean scriptedStep) {
        Training training = members.get(0).training();
        int width = layout.architecture().rateWidth();
        double[] base = new double[members.size()];
        for (int m = 0; m < base.length; m++) base[m] = members.get(m).training().effectiveLearningRate(width);
        boolean folded = foldsRate(training);
        boolean scripted = scriptedStep && everyTensorTrains && Steps.scriptable(training, layout.kind())
                && Device.Type.CPU.equals(device.getDeviceType());            // it has not run on a GPU
        return new TrainingPlan(training, base, folded, scripted);
    }

    /** Whether a training spec takes the folded update: SGD with momentum at a rate that never changes. */
    static boolean foldsRate(Training training) {
        return training.optimizer() == Optimizer.SGD && training.momentum() > 0 && training.schedule() == Schedule.CONSTANT;
    }

    /** Member {@code m}'s rate in its epoch {@code epoch} (0-based): constant, or annealed by a cosine over 0.8·maxEpochs. */
    double rate(int m, int epoch) {
        double base = baseRates[m];
        if (training.schedule() == Schedule.CONSTANT) return base;
        double tMax = 0.8 * training.maxEpochs();
        double t = Math.min(epoch, tMax);
        return base * 0.5 * (1 + Math.cos(Math.PI * t / tMax));
    }
}

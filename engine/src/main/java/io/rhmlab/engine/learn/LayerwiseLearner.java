package io.rhmlab.engine.learn;

import io.rhmlab.dsl.Seeds;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.EnsembleOutcome;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layerwise ("shallow-to-deep chaining") training after P3, Ren, Dandi, Krzakala, Lee (docs/science.md §4.C).
 *
 * <p><b>A faithful reconstruction of P3's stated principle, not P3's algorithm:</b> P3's full text could not be
 * read (only its abstract and a third-party review), and no code is public. What is implemented is the principle
 * the abstract states: train layer 1 (the s-patch → H embedding, weight-shared across patches) together with a
 * temporary readout to the n_c classes on ordinary (input, label) pairs by a gradient method; freeze it; train
 * layer 2 on top of the frozen layer 1 with a new temporary readout; and so on up to layer L, whose readout is the
 * classifier. By the tree's conditional independence (label ⟂ patch | parent), the best a stage-ℓ readout can
 * do from one patch's embedding is a function of P(y | patch) = a function of its parent, which is what lets the
 * frozen layers carry the synonym classes upward.
 *
 * <p>Per stage, the network is the run's architecture cut after layer ℓ with its readout reading layer ℓ's
 * representation averaged over the remaining positions ({@link NetLayout#truncated}, the trainer's
 * {@link EnsembleTrainer#trainLayer} hook); the stage is trained with the run's {@link Training} (optimiser, lr,
 * batch, loss threshold), with its epoch cap replaced by {@link Learner.Layerwise#epochsPerLayer} when that is
 * positive. Options (P3's choices are unknown): the same P samples at every stage (default) or fresh samples —
 * the training set split into L consecutive disjoint parts, part ℓ for stage ℓ; a temporary readout on the average of
 * the remaining positions (default) or on each position with weights of its own.
 *
 * <p>The stored result is that of the last stage (the full network): its test errors (final and best of that
 * stage), training loss and status; epochs and steps are summed over stages; a stage that diverges ends the run.
 */
public final class LayerwiseLearner {
    private LayerwiseLearner() {
    }

    public static boolean available() {
        return true;
    }

    public static String unavailableReason() {
        return "";
    }

    /**
     * Trains the members (all layerwise with settings {@code opt}, one architecture) stage by stage as one
     * ensemble. {@code listener} hears the checkpoints and epochs of every stage and, once per member at the end,
     * {@code onMemberDone} with the final result (the stages' own results are never reported, so nothing is stored under a stage's spec).
     */
    public static EnsembleOutcome train(EnsembleTrainer trainer, Learner.Layerwise opt, List<RunSpec> members,
                                        List<MemberData> data, TrainingListener listener) {
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        int k = members.size();
        RunSpec first = members.get(0);
        int depth = NetLayout.of(first.hierarchy(), first.architecture()).layers().size();
        boolean[] alive = new boolean[k];
        Arrays.fill(alive, true);
        int[] epochs = new int[k];
        long[] steps = new long[k];
        double[] seconds = new double[k];
        List<List<Checkpoint>> history = new ArrayList<>();
        for (int m = 0; m < k; m++) history.add(new ArrayList<>());
        MemberResult[] last = new MemberResult[k];
        List<MemberWeights> below = null;
        TrainingListener stageListener = new TrainingListener() {
            @Override
            public void onCheckpoint(int member, Checkpoint checkpoint) {
                l.onCheckpoint(member, checkpoint);
            }

            @Override
            public void onEpoch(int epoch, int active, double meanLoss) {
                l.onEpoch(epoch, active, meanLoss);
            }
        };
        for (int layer = 1; layer <= depth; layer++) {
            List<RunSpec> stage = new ArrayList<>(k);
            List<MemberData> stageData = new ArrayList<>(k);
            for (int m = 0; m < k; m++) {
                RunSpec r = members.get(m);
                Training t = r.training();
                int cap = opt.epochsPerLayer() > 0 ? opt.epochsPerLayer() : t.maxEpochs();
                Training ts = t.withMaxEpochs(cap);
                long p = r.trainSize();
                MemberData d = data.get(m);
                if (opt.freshSamples()) {
                    long part = Math.max(1, p / depth);
                    long from = Math.min(p - part, (layer - 1) * part);
                    d = new MemberData(slice(d.trainPool(), (int) from, (int) part), d.test());
                    p = part;
                }
                stage.add(new RunSpec(r.hierarchy(), r.architecture(), ts, p, r.testSize(), Seeds.derive(r.modelSeed(), Seeds.Purpose.LEARNER, layer)));
                stageData.add(d);
            }
            EnsembleOutcome o = trainer.trainLayer(stage, stageData, layer, below, opt.perPositionReadout(), stageListener);
            for (int m = 0; m < k; m++) {
                MemberResult r = o.results().get(m);
                epochs[m] += r.epochs();
                steps[m] += r.steps();
                seconds[m] += r.wallSeconds();
                for (Checkpoint c : r.history()) history.get(m).add(c);
                if (alive[m]) last[m] = r;
                if (r.status() == Status.DIVERGED || r.status() == Status.FAILED) alive[m] = false;
            }
            below = o.weights();
        }
        List<MemberResult> out = new ArrayList<>(k);
        for (int m = 0; m < k; m++) {
            MemberResult r = last[m];
            MemberResult f = new MemberResult(members.get(m), r.status(), r.testError(), r.testErrorBest(), r.trainLoss(),
                    r.trainError(), epochs[m], steps[m], seconds[m], r.device(), history.get(m), r.error());
            out.add(f);
            l.onMemberDone(m, f);
        }
        return new EnsembleOutcome(out, below);
    }

    /** Rows [from, from + n) of a token table, as a table of its own. */
    private static TokenData slice(TokenData t, int from, int n) {
        byte[] tokens = Arrays.copyOfRange(t.tokens(), from * t.d(), (from + n) * t.d());
        int[] labels = Arrays.copyOfRange(t.labels(), from, from + n);
        return new TokenData(tokens, labels, n, t.d());
    }
}

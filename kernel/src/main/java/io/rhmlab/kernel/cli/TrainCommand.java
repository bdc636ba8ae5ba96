package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.run.ProgressLine;
import io.rhmlab.engine.run.MeasurementSink;
import io.rhmlab.engine.run.TrainerRunner;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rhmlab train}: one network on one task, one member per model seed, all members trained as one batched
 * ensemble. The task (rules and data) is fixed by the hierarchy flags; the seeds vary the initialisation and
 * the batch order only. Nothing is stored: {@code curve} is the stored, resumable experiment.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = "Train a network on one task, one ensemble member per seed; print per-member results.")
final class TrainCommand implements Callable<Integer> {

    /** The one member's seed when none is given (not a picocli default: the deprecated --seeds may stand in for it). */
    static final long DEFAULT_MODEL_SEED = 1;

    @Mixin FamilyParameter family;
    @Mixin HierarchyOptions task;
    @Mixin NetworkOptions network;
    @Mixin TaskOptions predict;
    @Mixin TrainingOptions trainingOptions;
    @Mixin MachineOptions machine;

    @Option(names = "--train", required = true, paramLabel = "P", description = "Training-set size P.")
    long trainSize;

    @Option(names = "--test", paramLabel = "N", description = "Test-set size (default: min(P_max − P, " + LearningCurveSpec.DEFAULT_TEST_SIZE
            + "); " + LearningCurveSpec.DEFAULT_TEST_SIZE + " with --replacement).")
    Integer testSize;

    @Option(names = "--model-seeds", split = ",", paramLabel = "SEED", description = "Model seeds (initialisation and batch order), one member each, comma-separated (default: " + DEFAULT_MODEL_SEED + ").")
    List<Long> modelSeeds;

    /** The old name of {@code --model-seeds}; {@code --seeds} is a count (of realisations) in {@code curve}. */
    @Option(names = "--seeds", split = ",", hidden = true, paramLabel = "SEED", description = "Deprecated: the old name of --model-seeds.")
    List<Long> seeds;

    @Option(names = "--save-weights", paramLabel = "DIR",
            description = "Keep each member's initial and final weights under DIR (one folder per run, DJL's NDList format, "
                    + "the spec beside them), to measure later with rhmlab measure DIR.")
    java.nio.file.Path saveWeights;

    @Option(names = "--json", description = "Print the results as JSON (specs, results, histories).")
    boolean json;

    @Spec CommandSpec spec;

    /** {@code --model-seeds}, or its old name {@code --seeds} (noted once), else seed 1. */
    List<Long> modelSeeds() {
        if (seeds != null) {
            modelSeeds = DeprecatedOption.either(spec, modelSeeds, "--model-seeds", seeds, "--seeds");
            seeds = null;
        }
        return modelSeeds == null ? List.of(DEFAULT_MODEL_SEED) : modelSeeds;
    }

    @Override
    public Integer call() throws Exception {
        Hierarchy h = family.hierarchy(task);
        TrainerSettings settings = machine.settings();   // an unusable --device fails here, before any work
        Architecture a = network.architecture();
        Training t = trainingOptions.training();
        int test = testSize != null ? testSize : LearningCurveSpec.defaultTestSize(h, trainSize);
        List<Long> modelSeeds = modelSeeds();
        List<RunSpec> members = new ArrayList<>();
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (long seed : modelSeeds) {
            InvalidSpecException.require(distinct.add(seed), "model-seeds", "seed " + seed + " appears twice in " + modelSeeds
                    + " (two members of one seed would be the same run)");
            members.add(new RunSpec(h, a, t, trainSize, test, seed, null, null, predict.task()));
        }
        machine.requireDevice();

        ProgressLine progress = new ProgressLine();
        progress.onSweepStart(members.size(), 0);
        progress.onEnsembleStart(1, 1, members);
        List<MemberResult> results = new TrainerRunner(settings, members).savingWeights(saveWeights)
                .run(members, progress, MeasurementSink.DISCARD);
        progress.onSweepEnd();

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(results));
            return 0;
        }
        boolean classify = members.get(0).task() == null;
        out.println(h.summary() + (classify ? "" : " · " + members.get(0).task().label(h)) + " · " + a.label() + " · P = " + trainSize + " (P/(n_c·m^L) = "
                + Ratio.of(trainSize, h) + "), test " + test);
        Table table = new Table("seed", "status", "test error", "best", "test loss (nats)", "train loss", "train error", "epochs", "steps", "seconds", "device");
        for (MemberResult r : results) {
            table.row(r.spec().modelSeed(), r.status(), Table.rate(r.testError()), Table.rate(r.testErrorBest()),
                    String.format("%.4f", r.testLoss()),
                    String.format("%.3g", r.trainLoss()), Table.rate(r.trainError()), r.epochs(), r.steps(),
                    String.format("%.1f", r.wallSeconds()), r.device() + (r.error() == null ? "" : " (" + r.error() + ")"));
        }
        table.print(out);
        return 0;
    }
}

package io.rhmlab.engine.bench;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.Stats;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.TrainerSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two training steps side by side on the ensembles of {@code bench curve} (one lane's share of each curve:
 * seed 1 at every P, one intra-op thread): every round trains the ensemble for a few epochs with DJL's operators
 * and with the scripted step, in alternating order, and the table gives the median CPU time of each and their
 * ratio. CPU time of the training thread, medians over rounds: on a shared machine wall times of whole curves vary
 * by ±20 % from run to run, far more than the difference measured. Prints a table; not a test.
 *
 * <p>Args: [ROUNDS (default 7)] [CURVES: rhm-lcn, srhm-lcn, rhm-cnn (default all)].
 */
public final class StepBenchmark {

    /** One lane's ensemble of a curve of {@link CurveBenchmark}, trained for {@code epochs} epochs per round. */
    record Ensemble(String name, Hierarchy task, Architecture architecture, Training training, long[] sizes) {
    }

    static Ensemble ensemble(String name) {
        return switch (name) {
            case "rhm-lcn" -> new Ensemble(name, Hierarchy.rhm().vocabulary(10).classes(10).multiplicity(10).branching(2).depth(2).seed(11).build(),
                    Architecture.lcn().width(128).referenceOld().build(), Training.sgd(0.01).batch(40).maxEpochs(4).checkEvery(4).build(),
                    new long[] {1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000});
            case "srhm-lcn" -> new Ensemble(name, Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2)
                    .sparsity(2).placement(Placement.A).seed(11).build(),
                    Architecture.lcn().width(128).referenceOld().build(), Training.sgd(0.01).batch(16).maxEpochs(8).checkEvery(8).build(),
                    new long[] {864, 1296, 1728, 2304, 3456});
            case "rhm-cnn" -> new Ensemble(name, Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build(),
                    Architecture.cnn().width(128).build(), Training.sgd(0.1).batch(128).maxEpochs(16).checkEvery(16).build(),
                    new long[] {128, 256, 512, 1024, 2048, 4096});
            default -> throw new IllegalArgumentException("curve: no benchmark curve named '" + name + "' (one of "
                    + String.join(", ", CurveBenchmark.CURVES) + ")");
        };
    }

    /** Median CPU seconds per round with the operator step and with the scripted step. */
    record Row(String name, int members, double operators, double scripted) {
        double speedUp() {
            return operators / scripted;
        }
    }

    static Row measure(Ensemble e, int rounds) {
        long largest = java.util.Arrays.stream(e.sizes()).max().orElseThrow();
        Dataset ds = Dataset.sample(e.task(), Math.toIntExact(largest), 1000);
        MemberData data = new MemberData(TokenData.of(ds.train()), TokenData.of(ds.test()));
        List<RunSpec> members = new ArrayList<>();
        List<MemberData> pools = new ArrayList<>();
        for (int i = 0; i < e.sizes().length; i++) {
            members.add(new RunSpec(e.task(), e.architecture(), e.training(), e.sizes()[i], 1000, i + 1));
            pools.add(data);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r <= rounds; r++) {
            for (int j = 0; j < 2; j++) {
                boolean scripted = (r + j) % 2 == 1;
                EnsembleTrainer trainer = new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.CPU)
                        .withThreads(1).withScriptedStep(scripted));
                long t0 = threads.getCurrentThreadCpuTime();
                trainer.train(members, pools, null);
                double seconds = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
                if (r > 0) cpu.get(scripted ? 1 : 0).add(seconds);   // round 0 warms up
            }
        }
        return new Row(e.name(), members.size(), Stats.median(cpu.get(0)), Stats.median(cpu.get(1)));
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        // the transformer has no scripted step to compare with
        List<String> names = args.length > 1 ? List.of(args[1].split(",")) : List.of("rhm-lcn", "srhm-lcn", "rhm-cnn");
        System.out.println("native environment: " + io.rhmlab.engine.train.NativeEnvironment.describe());
        System.out.printf(Locale.ROOT, "%-9s %8s %16s %15s %9s%n", "curve", "members", "operators cpu s", "scripted cpu s", "speed-up");
        for (String name : names) {
            Row row = measure(ensemble(name), rounds);
            System.out.printf(Locale.ROOT, "%-9s %8d %16.2f %15.2f %8.2fx%n", row.name(), row.members(), row.operators(),
                    row.scripted(), row.speedUp());
        }
        System.out.println("(median over " + rounds + " rounds of CPU time of the training thread; each round trains "
                + "both ways, in alternating order)");
    }

    private StepBenchmark() {
    }
}

package io.rhmlab.engine.bench;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput of the hierarchical CNN (v = n_c = m = 8, s = 2) through the real trainer, side by side
 * with the same model in plain PyTorch ({@code engine/bench/pytorch_baseline.py}), and a K = 8 ensemble against 8
 * sequential runs. Prints a table; not a test. Args: [threads] [path to pytorch_baseline.py] [steps scale].
 */
public final class TrainingBenchmark {
    /** 150 GFLOP/s (2 cores, AVX2 FMA) ÷ 2.5 MFLOP per training sample of the width-256, L = 3 CNN. */
    private static final double BOUND_W256_L3 = 60_000;

    private record Config(int width, int depth, int batch, int warmSteps, int timedSteps) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path script = Path.of(args.length > 1 ? args[1] : "engine/bench/pytorch_baseline.py");
        // steps scale (args[2], default 1): < 1 for a quick look on a busy machine; DJL needs ~1000 warm-up steps
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        List<Config> configs = List.of(
                new Config(64, 3, 128, 1000, 1000), new Config(256, 3, 128, 1000, 400),
                new Config(256, 3, 1024, 150, 60), new Config(256, 3, 4096, 40, 20), new Config(64, 6, 128, 600, 300),
                new Config(256, 6, 128, 150, 60))
                .stream().map(c -> new Config(c.width(), c.depth(), c.batch(), Math.max(10, (int) (c.warmSteps() * scale)),
                        Math.max(10, (int) (c.timedSteps() * scale)))).toList();
        EnsembleTrainer trainer = new EnsembleTrainer(new TrainerSettings(DeviceChoice.CPU, threads, 16384));
        // the machine is shared: each configuration runs PyTorch and DJL back to back (interleaved), and only the
        // ratio of the two is meant to be compared across runs
        System.out.printf("%n%-6s %-3s %-6s %14s %16s %10s %11s%n", "width", "L", "batch", "DJL samples/s", "torch samples/s",
                "DJL/torch", "% of bound");
        for (Config c : configs) {
            Double t = pytorch(script, threads, List.of(c)).get(key(c));
            double djl = samplesPerSecond(trainer, c, 1);
            String bound = c.width() == 256 && c.depth() == 3 ? String.format("%.0f%%", 100 * djl / BOUND_W256_L3) : "";
            System.out.printf("%-6d %-3d %-6d %14.0f %16s %10s %11s%n", c.width(), c.depth(), c.batch(), djl,
                    t == null ? "n/a" : String.format("%.0f", t), t == null ? "" : String.format("%.2f", djl / t), bound);
        }
        Config small = configs.get(0);
        double one = samplesPerSecond(trainer, small, 1);
        double eight = samplesPerSecond(trainer, small, 8);
        System.out.printf("(bound: %.0f samples/s for width 256, L = 3, at 150 GFLOP/s)%n", BOUND_W256_L3);
        System.out.printf("K = 8 ensemble of width-%d, L = %d members, batch %d: %.0f member-samples/s vs %.0f for one member"
                + " (8 sequential runs): %.2f×%n", small.width(), small.depth(), small.batch(), eight, one, eight / one);
    }

    private static String key(Config c) {
        return c.width() + "," + c.depth() + "," + c.batch();
    }

    /** Member-samples per second over the timed steps, after the warm-up steps, through {@link EnsembleTrainer}. */
    private static double samplesPerSecond(EnsembleTrainer trainer, Config c, int members) {
        Hierarchy h = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(8).branching(2).depth(c.depth()).seed(1).build();
        int stepsPerEpoch = 10;
        int p = c.batch() * stepsPerEpoch;
        Dataset ds = Dataset.sample(h, p, 0);
        TokenData train = TokenData.of(ds.train());
        int warmEpochs = Math.max(1, c.warmSteps() / stepsPerEpoch);
        int timedEpochs = Math.max(1, c.timedSteps() / stepsPerEpoch);
        int maxEpochs = warmEpochs + timedEpochs + 1; // the last epoch ends with the only evaluation: not timed
        Training t = Training.sgd(0.1).batch(c.batch()).lossThreshold(0).checkEvery(maxEpochs).maxEpochs(maxEpochs).build();
        Architecture a = Architecture.cnn().width(c.width()).build();
        List<RunSpec> specs = new ArrayList<>();
        List<MemberData> data = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            specs.add(new RunSpec(h, a, t, p, 0, k + 1));
            data.add(new MemberData(train, train));
        }
        long[] marks = new long[2];
        trainer.train(specs, data, new TrainingListener() {
            @Override
            public void onEpoch(int epoch, int active, double meanLoss) {
                if (epoch == warmEpochs) marks[0] = System.nanoTime();
                if (epoch == warmEpochs + timedEpochs) marks[1] = System.nanoTime();
            }
        });
        double seconds = (marks[1] - marks[0]) / 1e9;
        return (double) members * p * timedEpochs / seconds;
    }

    /** Runs the PyTorch baseline once for all configurations; empty when Python or torch is missing. */
    private static Map<String, Double> pytorch(Path script, int threads, List<Config> configs) {
        Map<String, Double> out = new HashMap<>();
        if (!Files.exists(script) || !Files.exists(Path.of("/usr/bin/python3"))) {
            System.out.println("PyTorch baseline skipped: " + script + " or /usr/bin/python3 missing");
            return out;
        }
        StringBuilder spec = new StringBuilder();
        for (Config c : configs) {
            if (spec.length() > 0) spec.append(';');
            spec.append(c.width()).append(',').append(c.depth()).append(',').append(c.batch()).append(',')
                    .append(c.warmSteps()).append(',').append(c.timedSteps());
        }
        try {
            Process proc = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(threads), spec.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 4 && f[0].matches("\\d+")) out.put(f[0] + "," + f[1] + "," + f[2], Double.parseDouble(f[3]));
                }
            }
            proc.waitFor();
        } catch (Exception e) {
            System.out.println("PyTorch baseline failed: " + e);
        }
        return out;
    }

    private TrainingBenchmark() {
    }
}

package io.rhmlab.engine.train;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Kind;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.TaskData;
import io.rhmlab.engine.net.TokenData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trains two target runs under the schedule named by its argument and prints the exact bits of their checkpoints and
 * final weights, one line per target ({@code ScheduleIndependenceTest} runs it in fresh JVMs). Target A has
 * P = 64 < B (its batch is narrower than its companions'), target B P = 2048.
 */
public final class ScheduledRun {

    private static final Hierarchy TASK = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(3)
            .seed(11).build();
    private static final Architecture CNN = Architecture.cnn().width(256).build();
    /** The attention-only transformer on the last-token task (its own kernels: softmax, batched products). */
    private static final Architecture MLA = Architecture.transformer().width(32).heads(2).build();

    /**
     * The second argument: {@code cnn} (default; the scripted step), {@code transformer} (the last-token task) or
     * {@code cnn-adam} (Adam: DJL's operators through autograd, like every optimiser the scripted step does not write).
     */
    private static String network = "cnn";

    private ScheduledRun() {
    }

    private static RunSpec spec(double lr, long p, int test, long seed) {
        Training t = (network.equals("cnn-adam") ? Training.adam(lr / 10) : Training.sgd(lr).momentum(0.9))
                .batch(128).lossThreshold(1e-6).checkEvery(1).maxEpochs(3).build();
        return network.equals("transformer")
                ? new RunSpec(TASK, MLA, t, p, test, seed, null, null, Task.lastToken())
                : new RunSpec(TASK, CNN, t, p, test, seed);
    }

    static RunSpec A;
    static RunSpec B;

    public static void main(String[] args) throws Exception {
        if (args.length > 1) network = args[1];
        if (args.length > 2 && args[2].equals("collecting")) collectGarbageMeanwhile();
        A = spec(0.1, 64, 512, 1);
        B = spec(0.1, 2048, 512, 2);
        Dataset ds = Dataset.sample(TASK, 2048, 512);
        Kind kind = A.architecture().kind();
        Task task = A.taskOrClassify();
        MemberData data = new MemberData(TaskData.of(TokenData.of(ds.train()), TASK, task, kind),
                TaskData.of(TokenData.of(ds.test()), TASK, task, kind));
        TrainerSettings cpu = TrainerSettings.defaults().withDevice(DeviceChoice.CPU);
        Map<String, String> lines = new ConcurrentHashMap<>();
        switch (args[0]) {
            // each target its own ensemble, one intra-op thread
            case "alone" -> {
                train(List.of(A), data, cpu.withThreads(1), lines);
                train(List.of(B), data, cpu.withThreads(1), lines);
            }
            // one ensemble with members of other sizes and learning rates, two intra-op threads
            case "together" -> train(List.of(spec(0.05, 1000, 412, 3), A, B, spec(0.2, 1500, 312, 4)), data,
                    cpu.withThreads(2), lines);
            // two ensembles trained at once on two threads (as lanes do), one intra-op thread each
            case "lanes" -> inTwoLanes(data, cpu.withThreads(1), lines);
            // the same, each ensemble with two intra-op threads (more threads than this machine's cores when it has 2)
            case "lanes2" -> inTwoLanes(data, cpu.withThreads(2), lines);
            default -> throw new IllegalArgumentException("schedule " + args[0]);
        }
        new TreeMap<>(lines).forEach((k, v) -> System.out.println(k + ":" + v));
    }

    /** Two ensembles trained at once, one per thread, as lanes train them. */
    private static void inTwoLanes(MemberData data, TrainerSettings settings, Map<String, String> lines) throws InterruptedException {
        Thread one = new Thread(() -> train(List.of(B, spec(0.2, 1000, 412, 3)), data, settings, lines));
        Thread two = new Thread(() -> train(List.of(spec(0.1, 300, 312, 4), A), data, settings, lines));
        one.start();
        two.start();
        one.join();
        two.join();
    }

    /**
     * Garbage collections every few milliseconds, from a thread of their own, so that some fall between a forward
     * pass and its backward pass (where freed memory once changed gradients, {@code engine.net.Constants}).
     */
    private static void collectGarbageMeanwhile() {
        Thread collector = new Thread(() -> {
            while (true) {
                System.gc();
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
    }

    private static void train(List<RunSpec> members, MemberData data, TrainerSettings settings, Map<String, String> lines) {
        EnsembleOutcome o = new EnsembleTrainer(settings).trainWithWeights(members, java.util.Collections.nCopies(members.size(), data), null);
        for (int m = 0; m < members.size(); m++) {
            String name = members.get(m) == A ? "A" : members.get(m) == B ? "B" : null;
            if (name == null) continue;
            StringBuilder line = new StringBuilder();
            MemberResult r = o.results().get(m);
            line.append(' ').append(r.status()).append(' ').append(r.steps());
            for (Checkpoint c : r.history()) {
                line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(c.trainLoss())))
                        .append('/').append(Long.toHexString(Double.doubleToRawLongBits(c.testLoss())))
                        .append('/').append(Long.toHexString(Double.doubleToRawLongBits(c.testError())));
            }
            MemberWeights w = o.weights().get(m);
            int hash = 1;
            for (float[] v : w.values()) hash = 31 * hash + Arrays.hashCode(v);
            line.append(" weights ").append(Integer.toHexString(hash));
            lines.put("target " + name, line.toString());
        }
    }
}

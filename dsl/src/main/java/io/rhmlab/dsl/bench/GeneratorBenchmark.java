package io.rhmlab.dsl.bench;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.grammar.Rules;

import java.util.Arrays;

/**
 * Throughput of the generator (rules given; index sampling without replacement + parallel decoding), against
 * the memory-bandwidth bound of merely writing the same bytes. Run:
 * {@code java -cp dsl/target/classes io.rhmlab.dsl.bench.GeneratorBenchmark [reps]}.
 */
public final class GeneratorBenchmark {

    /** Timed repetitions per case when none are given (also what {@code rhmlab bench generate} says). */
    public static final int DEFAULT_REPS = 5;

    private GeneratorBenchmark() {
    }

    record Case(String name, Hierarchy spec, int samples) {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_REPS;
        Case[] cases = {
                new Case("RHM v=n_c=m=8 s=2 L=3", Hierarchy.rhm().v(8).classes(8).m(8).s(2).L(3).seed(1).build(), 10_000_000),
                new Case("RHM v=n_c=32 m=8 s=2 L=4", Hierarchy.rhm().v(32).classes(32).m(8).s(2).L(4).seed(1).build(), 10_000_000),
                new Case("SRHM-A v=n_c=m=4 s=2 L=3 s0=1", Hierarchy.srhm().v(4).classes(4).m(4).s(2).L(3).s0(1)
                        .placement(Placement.A).seed(1).build(), 1_000_000),
        };
        System.out.printf("cores=%d, reps=%d (median after 1 warm-up)%n", Runtime.getRuntime().availableProcessors(), reps);
        System.out.printf("%-32s %4s %10s %10s %12s %12s %12s %12s %8s%n", "case", "d", "P_max", "samples",
                "samples/s", "per CPU-s", "fill B/s", "fill smp/s", "ratio");
        for (Case c : cases) {
            Rules rules = Rules.draw(c.spec);
            int n = c.samples;
            double[] gen = median(reps, () -> Dataset.sample(c.spec, rules, n, 0));
            long bytes = (long) n * c.spec.inputLength();
            byte[] target = new byte[(int) bytes];
            double[] fill = median(reps, () -> Arrays.fill(target, (byte) 1));
            double samplesPerS = n / gen[0], fillSamplesPerS = n / fill[0];
            System.out.printf("%-32s %4d %10.3g %10d %12.3e %12.3e %12.3e %12.3e %8.3f%n", c.name, c.spec.inputLength(),
                    c.spec.maxSamples().doubleValue(), n, samplesPerS, n / gen[1], bytes / fill[0], fillSamplesPerS,
                    samplesPerS / fillSamplesPerS);
        }
        System.out.println("samples/s: wall clock; per CPU-s: samples per second of process CPU time (all threads), "
                + "the rate one dedicated core would reach; fill: Arrays.fill of the same bytes, one thread; "
                + "ratio = samples/s over fill samples/s");
    }

    /** Median wall seconds and median process CPU seconds of {@code reps} runs after one warm-up run. */
    private static double[] median(int reps, Runnable work) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        work.run();
        double[] wall = new double[reps], cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            work.run();
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[]{wall[reps / 2], cpu[reps / 2]};
    }
}

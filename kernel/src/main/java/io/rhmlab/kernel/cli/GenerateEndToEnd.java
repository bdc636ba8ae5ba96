package io.rhmlab.kernel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench generate}'s end-to-end part: the {@code generate} command on a 2 M-sample RHM (v = n_c = m = 8, s = 2,
 * L = 3) timed inside this JVM and as a fresh process (what a user waits for: JVM start, the command line, the
 * rules, the samples, the {@code .npz}), and, when a checkout of the public reference generator is given
 * ({@value #REFERENCE}, with {@code /usr/bin/python3} and torch), the reference generating the same sizes in a fresh
 * Python process, interleaved with rhmlab's runs so that both see the same load. Each figure is the minimum of the
 * repetitions: on a shared machine the minimum is the least disturbed run.
 */
final class GenerateEndToEnd {

    /** Environment variable: a checkout of pcsl-epfl/random-hierarchy-model (the folder that holds {@code datasets/}). */
    static final String REFERENCE = "RHMLAB_RHM_REFERENCE";

    /** The launcher's path, exported by {@code ./rhmlab}: the fresh process starts as a user would start it. */
    static final String LAUNCHER = "RHMLAB_LAUNCHER";

    static final int SAMPLES = 2_000_000;

    private GenerateEndToEnd() {
    }

    static List<String> command(Path out) {
        return List.of("generate", "rhm", "--v", "8", "--classes", "8", "--m", "8", "--s", "2", "--L", "3",
                "--train", Integer.toString(SAMPLES), "--test", "0", "--seed-rules", "1", "--seed-sample", "1",
                "--out", out.toString());
    }

    static void run(int reps) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rhmlab-bench-generate");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path out = dir.resolve("data.npz");
            List<String> args = command(out);
            System.out.printf("%nend to end: generate rhm --v 8 --classes 8 --m 8 --s 2 --L 3 --train %d --test 0 into a .npz, "
                    + "min of %d%n", SAMPLES, reps);
            double inProcess = Double.MAX_VALUE;
            inProcessRun(args);   // warm-up
            for (int r = 0; r < reps; r++) inProcess = Math.min(inProcess, inProcessRun(args));

            List<String> fresh = freshProcess(args);
            List<String> reference = referenceProcess(dir);
            double freshMin = Double.MAX_VALUE, referenceMin = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {   // interleaved: both sides see the same load
                freshMin = Math.min(freshMin, timed(fresh, dir));
                if (reference != null) referenceMin = Math.min(referenceMin, timed(reference, dir));
            }
            System.out.printf("  %-58s %8.3f s%n", "in process (the command's own work, JVM warm)", inProcess);
            System.out.printf("  %-58s %8.3f s%n", "fresh process (" + (System.getenv(LAUNCHER) != null ? "./rhmlab" : "java")
                    + " generate …: JVM start included)", freshMin);
            if (reference != null) {
                System.out.printf("  %-58s %8.3f s   rhmlab end to end: %.1f× faster%n",
                        "reference generator (python3 + torch, fresh process)", referenceMin, referenceMin / freshMin);
            } else {
                System.out.println("  reference generator: not timed (set " + REFERENCE + " to a checkout of "
                        + "pcsl-epfl/random-hierarchy-model; needs /usr/bin/python3 with torch)");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind
            }
        }
    }

    private static double inProcessRun(List<String> args) {
        var cl = Rhmlab.commandLine("generate");
        cl.setOut(new PrintWriter(new StringWriter()));
        long t0 = System.nanoTime();
        int code = cl.execute(args.toArray(String[]::new));
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) throw new IllegalStateException("generate exited with " + code);
        return s;
    }

    /** The launcher when this JVM came from it; otherwise this JVM's java, options and class path. */
    static List<String> freshProcess(List<String> args) {
        List<String> cmd = new ArrayList<>();
        String launcher = System.getenv(LAUNCHER);
        if (launcher != null && Files.isExecutable(Path.of(launcher))) {
            cmd.add(launcher);
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Rhmlab.class.getName());
        }
        cmd.addAll(args);
        return cmd;
    }

    /** The reference's generator on the same sizes, in a fresh Python, or null when it is not at hand. */
    private static List<String> referenceProcess(Path dir) {
        String checkout = System.getenv(REFERENCE);
        Path python = Path.of("/usr/bin/python3");
        if (checkout == null || !Files.isRegularFile(Path.of(checkout, "datasets", "random_hierarchy_model.py"))
                || !Files.isExecutable(python)) {
            return null;
        }
        // a driver of our own: import the reference's dataset class from the checkout and build the same data
        // (token tensors, no one-hot encoding: what rhmlab's .npz holds)
        String driver = String.join("\n",
                "import sys",
                "sys.path.insert(0, sys.argv[1])",
                "from datasets import RandomHierarchyModel",
                "RandomHierarchyModel(num_features=8, num_classes=8, num_synonyms=8, tuple_size=2, num_layers=3,",
                "                     seed_rules=1, seed_sample=1, train_size=int(sys.argv[2]), test_size=0, input_format='long')",
                "");
        try {
            Path script = dir.resolve("reference_generate.py");
            Files.writeString(script, driver);
            return List.of(python.toString(), script.toString(), checkout, Integer.toString(SAMPLES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double timed(List<String> cmd, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            long t0 = System.nanoTime();
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + code + ":\n" + new String(output));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

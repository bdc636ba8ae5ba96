package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.grammar.Rules;
import io.rhmlab.dsl.io.Npz;
import io.rhmlab.engine.store.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code rhmlab generate rhm|srhm}: draws the rules and samples a dataset into a NumPy {@code .npz}
 * ({@code x_train, y_train, x_test, y_test, rules_0..rules_{L-1}} and {@code spec}, the JSON that drew them), for
 * Python baselines and other tools.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample an RHM / Sparse-RHM dataset and its rules into a NumPy .npz file.")
final class GenerateCommand implements Callable<Integer> {

    /** The model family, as the papers name it. */
    enum Family { rhm, srhm }

    @Parameters(index = "0", paramLabel = "rhm|srhm", description = "Dense RHM or Sparse RHM (needs --s0 ≥ 1).")
    Family family;

    @Mixin HierarchyOptions task;

    @Option(names = "--train", required = true, paramLabel = "N", description = "Training-set size.")
    int train;

    @Option(names = "--test", paramLabel = "N", defaultValue = "0", description = "Test-set size (default: ${DEFAULT-VALUE}).")
    int test;


    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "Output file.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Hierarchy h = task.hierarchy(family == Family.srhm);
        InvalidSpecException.require(out.getFileName().toString().endsWith(".npz"), "out", "expected a FILE.npz, got " + out);
        InvalidSpecException.require(train >= 1, "train", "P_train = " + train + " must be ≥ 1 (the file would hold no training data)");
        InvalidSpecException.require(test >= 0, "test", "P_test = " + test + " must be ≥ 0");
        Dataset.requireMaterialisable(h);
        OutputFiles.requireWritable("out", out);
        long t0 = System.nanoTime();
        // the spec's JSON loads and runs Jackson while the data are drawn: in a fresh process both are cold
        CompletableFuture<String> specJson = CompletableFuture.supplyAsync(() -> specJson(h));
        Rules rules = Rules.draw(h);
        Dataset data = Dataset.sample(h, rules, train, test);
        try {
            Npz.write(out, data, rules, specJson.join());
        } catch (IOException e) {
            throw new UncheckedIOException("out: cannot write " + out + ": " + OutputFiles.reason(e), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf("%s: %s, d=%d, P_max=%s, n_c·m^L=%s, train %d, test %d%s, %.2f s%n",
                out, h.name(), h.inputLength(), h.maxSamples(), h.sampleComplexityScale(),
                train, test, "", seconds);
        return 0;
    }

    /**
     * What the {@code .npz} entry {@code spec} holds: the canonical JSON (sorted keys, as the run store writes
     * specs) of the hierarchy with its rule and sample seeds, the sizes, the sampling mode, the token layout and
     * the rhmlab version that wrote the file.
     */
    String specJson(Hierarchy h) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("family", family.name());
        spec.put("hierarchy", h);
        spec.put("trainSize", train);
        spec.put("testSize", test);
        spec.put("replacement", h.replacement());
        spec.put("tokens", "x: uint8 [N, d], token 0..v-1, blank = v; y: int64 [N]; rules_t: int32 [rows, m, s], rules_0 = class level");
        spec.put("rhmlab", new Version().getVersion()[0].replace("rhmlab ", ""));
        return SpecJson.write(spec);
    }
}

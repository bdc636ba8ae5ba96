package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.grammar.Expander;
import io.rhmlab.dsl.grammar.IndexSpace;
import io.rhmlab.dsl.grammar.Rules;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sampling overlapped with decoding for long indices: the calling thread draws the index sequence (inherently
 * sequential) chunk by chunk while helper threads decode the chunks already drawn; once drawing ends the caller
 * decodes too. Each chunk's bytes depend only on its indices, so the output is the same for any number of threads.
 */
final class Pipeline {
    record Result(long[] indices, Tokens test, Tokens train) {
    }

    private Pipeline() {
    }

    static Result run(Rules rules, IndexSampler.LongDraws draws, int test, int train) {
        Hierarchy h = rules.hierarchy();
        IndexSpace space = new IndexSpace(h);
        int d = h.inputLength(), k = test + train;
        long[] indices = new long[k];
        byte[] testTokens = new byte[test * d], trainTokens = new byte[train * d];
        int[] testLabels = new int[test], trainLabels = new int[train];
        int chunks = (k + Codec.CHUNK - 1) / Codec.CHUNK;
        AtomicInteger drawn = new AtomicInteger(), claimed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Runnable decoder = () -> {
            Expander expander = new Expander(rules);
            int[] choices = new int[space.digits()];
            for (int c; (c = claimed.getAndIncrement()) < chunks; ) {
                while (drawn.get() <= c) {
                    if (failure.get() != null) return;
                    LockSupport.parkNanos(20_000);
                }
                for (int g = c * Codec.CHUNK, end = Math.min(k, g + Codec.CHUNK); g < end; g++) {
                    int label = space.decode(indices[g], choices);
                    if (g < test) {
                        testLabels[g] = label;
                        expander.expand(label, choices, testTokens, g * d);
                    } else {
                        trainLabels[g - test] = label;
                        expander.expand(label, choices, trainTokens, (g - test) * d);
                    }
                }
            }
        };
        int helpers = Math.min(Runtime.getRuntime().availableProcessors() - 1, chunks - 1);
        Thread[] threads = new Thread[Math.max(0, helpers)];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    decoder.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "rhmlab-decode-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        try {
            for (int c = 0; c < chunks; c++) {
                draws.fill(indices, c * Codec.CHUNK, Math.min(k, (c + 1) * Codec.CHUNK));
                drawn.set(c + 1);
            }
            decoder.run();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            drawn.set(Integer.MAX_VALUE);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding", e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        return new Result(indices, Tokens.wrap(testTokens, testLabels, d), Tokens.wrap(trainTokens, trainLabels, d));
    }
}

package io.rhmlab.engine.store;

import io.rhmlab.dsl.experiment.RunSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The content key of a run: SHA-256 (hex) of the canonical JSON of its full spec — hierarchy with its seeds,
 * architecture, training, P, test size, model seed — and of the versions that compute it. Equal specs give
 * equal keys on any machine, so independent runners can share and deduplicate work.
 */
public final class RunKey {

    /** Characters of the key shown to people and accepted as an id prefix. */
    public static final int SHORT_LENGTH = 12;

    private RunKey() {
    }

    public static String of(RunSpec spec) {
        return of(spec, RunVersions.current());
    }

    public static String of(RunSpec spec, RunVersions versions) {
        return sha256(SpecJson.write(Map.of("spec", spec, "versions", versions)));
    }

    public static String shortId(String key) {
        return key.substring(0, Math.min(SHORT_LENGTH, key.length()));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

package io.rhmlab.engine.train;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.engine.net.TokenData;

/**
 * The data of one ensemble member: its training set is the first P rows of {@code trainPool} (P from its
 * {@link io.rhmlab.dsl.experiment.RunSpec}), its test set the first testSize rows of {@code test}. Members that
 * pass the same pool object share one copy on the device.
 */
public record MemberData(TokenData trainPool, TokenData test) {
    public MemberData {
        InvalidSpecException.require(trainPool != null && test != null, "data", "trainPool and test must be set");
    }
}

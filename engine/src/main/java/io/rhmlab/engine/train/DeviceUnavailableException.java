package io.rhmlab.engine.train;

/**
 * The device asked for cannot be used on this machine (no CUDA libtorch, no GPU, no driver). Raised before any
 * training, never stored as a failed run: it is the user's setting to change, like bad input.
 */
public final class DeviceUnavailableException extends IllegalArgumentException {
    public DeviceUnavailableException(String message) {
        super(message);
    }
}

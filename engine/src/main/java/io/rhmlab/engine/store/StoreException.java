package io.rhmlab.engine.store;

/** The run store could not be read or written (file locked too long, disk full, corrupt file). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.rhmlab.engine.store;

import java.sql.SQLException;

/** The run store could not be read or written (file locked too long, disk full, corrupt file). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** SQLite's reason in words people recognise (the driver's text names error codes). */
    static String reason(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_NOTADB")) return "not an SQLite database (is it a run store?)";
        if (m.contains("SQLITE_CANTOPEN")) return "cannot open the file (missing folder or no permission)";
        if (m.contains("SQLITE_READONLY")) return "the file is read-only";
        return m;
    }
}

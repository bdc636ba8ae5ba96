package io.rhmlab.spark;

/**
 * A chunk whose Spark job failed for good: every attempt Spark granted failed, or its executor was lost each
 * time. The sweep stores the chunk's unfinished members as FAILED with this message and goes on.
 */
public final class SparkTaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SparkTaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The useful line of Spark's "Job aborted due to stage failure: ..." message: the last attempt's error. */
    static String reason(Throwable sparkError) {
        String m = String.valueOf(sparkError.getMessage());
        String first = m.lines().findFirst().orElse(m);
        int i = first.indexOf("most recent failure: ");
        if (i >= 0) {
            String rest = first.substring(i + "most recent failure: ".length());
            int colon = rest.indexOf("): ");   // "Lost task 0.1 in stage 2.0 (TID 3) (host executor 1): java.lang.X: msg"
            return colon >= 0 ? rest.substring(colon + 3) : rest;
        }
        return first;
    }
}

package io.rhmlab.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark context of one sweep session on the driver, whether the session owns it (and so stops it), and the
 * attempts Spark grants each task under it.
 */
record DriverContext(JavaSparkContext spark, boolean owned, int maxFailures) implements AutoCloseable {

    /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}: group 1 the cores, group 2 the attempts. */
    static final Pattern LOCAL = Pattern.compile("local(?:\\[\\s*(\\*|\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\])?");

    /** A new context on {@code conf}, stopped with the session. */
    static DriverContext start(SparkConf conf) {
        return new DriverContext(new JavaSparkContext(conf), true, maxFailures(conf));
    }

    /** A running context of the caller's, left running. */
    static DriverContext borrowed(JavaSparkContext spark) {
        return new DriverContext(spark, false, maxFailures(spark.getConf()));
    }

    /** The attempts Spark grants a task under {@code c}. */
    static int maxFailures(SparkConf c) {
        Matcher local = LOCAL.matcher(c.get("spark.master", SparkSweep.DEFAULT_MASTER).trim());
        if (local.matches()) return local.group(2) == null ? 1 : Integer.parseInt(local.group(2));
        return c.getInt("spark.task.maxFailures", 4);
    }

    @Override
    public void close() {
        if (owned) spark.stop();
    }
}

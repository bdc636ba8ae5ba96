package io.rhmlab.spark;

import java.util.List;

/**
 * The JVM options a Spark driver needs on Java 17, exactly those of Spark's own launcher
 * ({@code org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions()}, spark-launcher 4.0.1; a test keeps
 * them equal). Spark adds them to its executors itself; the driver JVM, i.e. the JVM that calls
 * {@link SparkSweep}, must be started with them: the rhmlab launcher, the surefire {@code argLine} of this
 * module, a notebook kernel's JVM options. {@code spark-submit} adds them on its own.
 */
public final class SparkJvm {

    public static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private SparkJvm() {
    }

    /** {@link #MODULE_OPTIONS} as one space-separated string, for a shell or an {@code argLine}. */
    public static String moduleOptions() {
        return String.join(" ", MODULE_OPTIONS);
    }

    /** Whether this JVM was started with the options Spark needs (checked on one of them). */
    static boolean hasModuleOptions() {
        try {
            // java.nio is opened to the unnamed module by --add-opens=java.base/java.nio=ALL-UNNAMED
            return Object.class.getModule().isOpen("java.nio", SparkJvm.class.getModule())
                    && Object.class.getModule().isOpen("sun.nio.ch", SparkJvm.class.getModule());
        } catch (RuntimeException e) {
            return false;
        }
    }
}

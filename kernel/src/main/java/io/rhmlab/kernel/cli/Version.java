package io.rhmlab.kernel.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code rhmlab --version}: the build's version, from the jar manifest when packaged. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Rhmlab.class.getPackage().getImplementationVersion();
        return new String[]{"rhmlab " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}

package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import picocli.CommandLine.Parameters;

/**
 * The optional leading {@code rhm|srhm} of {@code train} and {@code curve}, as {@code generate} requires it: when
 * given, the hierarchy flags are checked against it; when left out, {@code --s0 ≥ 1} makes a Sparse RHM.
 */
final class FamilyParameter {

    @Parameters(index = "0", arity = "0..1", paramLabel = "rhm|srhm",
            description = "Dense RHM or Sparse RHM (needs --s0 ≥ 1); optional: without it --s0 decides.")
    GenerateCommand.Family family;

    Hierarchy hierarchy(HierarchyOptions task) {
        return family == null ? task.hierarchy() : task.hierarchy(family == GenerateCommand.Family.srhm);
    }
}

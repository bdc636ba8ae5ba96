@file:JvmName("DefaultImports")

package io.rhmlab.kernel.script

/**
 * What a DSL script (`*.rhm.kts`) and a notebook (`%use rhmlab`) import without being asked: the one list both
 * hosts use, so that code moves between a script and a notebook cell unchanged. The vocabulary of
 * docs/architecture.md: specs and builders (dsl), curves, training, observables and the store (engine), the
 * script DSL, figures and the notebook helpers (kernel).
 */
val RHMLAB_DEFAULT_IMPORTS: List<String> = listOf(
    "io.rhmlab.dsl.*",
    "io.rhmlab.dsl.net.*",
    "io.rhmlab.dsl.train.*",
    "io.rhmlab.dsl.experiment.*",
    "io.rhmlab.engine.curve.*",
    "io.rhmlab.engine.run.*",
    "io.rhmlab.engine.train.*",
    "io.rhmlab.engine.observe.*",
    "io.rhmlab.engine.store.*",
    "io.rhmlab.kernel.script.*",
    "io.rhmlab.kernel.plot.*",
    "io.rhmlab.kernel.frame.*",
    "io.rhmlab.kernel.notebook.*",
    "java.nio.file.Path",
)

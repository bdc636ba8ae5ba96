package io.rhmlab.dsl

/**
 * Receiver of `rhm { }` and `srhm { }`: the names of [HierarchyBuilder] (and the papers) as assignable
 * properties, `rhm { v = 8; classes = 8; m = 8; s = 2; L = 3; seed = 1 }`. Every assignment goes straight to
 * the Java builder, which validates the whole spec when the block ends.
 */
@RhmDsl
class HierarchyScope internal constructor(private val builder: HierarchyBuilder) {
    /** v, the number of symbols at every level. */
    var vocabulary: Int by WriteThrough { builder.vocabulary(it) }
    /** n_c, the number of classes (defaults to v). */
    var classes: Int by WriteThrough { builder.classes(it) }
    /** m, the number of synonyms per symbol. */
    var multiplicity: Int by WriteThrough { builder.multiplicity(it) }
    /** s, the number of children of a rule (defaults to 2). */
    var branching: Int by WriteThrough { builder.branching(it) }
    /** L, the number of levels. */
    var depth: Int by WriteThrough { builder.depth(it) }
    /** s0, the blank slots per informative child (Sparse RHM). */
    var sparsity: Int by WriteThrough { builder.sparsity(it) }
    /** Where the informative children sit in a sparse patch: [Placement.A] or [Placement.B]. */
    var placement: Placement by WriteThrough { builder.placement(it) }
    /** Seeds the rules and, unless [sampleSeed] is given, the sampling. */
    var seed: Long by WriteThrough { builder.seed(it) }
    var ruleSeed: Long by WriteThrough { builder.ruleSeed(it) }
    var sampleSeed: Long by WriteThrough { builder.sampleSeed(it) }
    /** Draw data independently, with replacement (the reference code's `--replacement`); default: distinct data. */
    var replacement: Boolean by WriteThrough { builder.replacement(it) }

    var v: Int by WriteThrough { builder.v(it) }
    var m: Int by WriteThrough { builder.m(it) }
    var s: Int by WriteThrough { builder.s(it) }
    var L: Int by WriteThrough { builder.L(it) }
    var s0: Int by WriteThrough { builder.s0(it) }
}

/** A dense Random Hierarchy Model: `rhm { v = 8; classes = 8; m = 8; s = 2; L = 3; seed = 1 }`. */
fun rhm(block: HierarchyScope.() -> Unit): Hierarchy {
    val builder = Hierarchy.rhm()
    HierarchyScope(builder).block()
    return builder.build()
}

/** A Sparse RHM (placement A unless told): `srhm { v = 4; classes = 4; m = 4; s = 2; L = 2; s0 = 1 }`. */
fun srhm(block: HierarchyScope.() -> Unit): Hierarchy {
    val builder = Hierarchy.srhm()
    HierarchyScope(builder).block()
    return builder.build()
}

/**
 * [Hierarchy.sizesAround] with named arguments, as docs/architecture.md writes it:
 * `task.sizesAround(from = 0.25, to = 16.0, points = 10)`. Kotlin forbids named arguments on a Java method, and
 * a call with names skips the member for this extension; a positional call still reaches the member. Both
 * give the same sizes.
 */
@Suppress("EXTENSION_SHADOWED_BY_MEMBER")
fun Hierarchy.sizesAround(from: Double, to: Double, points: Int): LongArray =
    sizesAround(from, to, points)   // positional: the Java member, not this extension

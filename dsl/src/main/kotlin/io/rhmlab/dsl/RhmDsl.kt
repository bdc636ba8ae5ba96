package io.rhmlab.dsl

import kotlin.properties.ReadWriteProperty
import kotlin.reflect.KProperty

/**
 * Marks the receivers of the Kotlin builders, so that inside `train { }` nested in `learningCurve { }` a bare
 * `batch = ...` cannot silently reach an outer block.
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
annotation class RhmDsl

/**
 * A builder property that writes through to the Java builder the block wraps, so the Java builder's defaults
 * and validation stay the only ones. Reading gives back what the block assigned; an unassigned property has
 * no value of its own here (its default lives in the Java builder), so reading it is an error. Public so that
 * builders in other modules (the learning curve in the kernel) wrap their Java builders the same way.
 */
class WriteThrough<T : Any>(private val forward: (T) -> Unit) : ReadWriteProperty<Any?, T> {
    private var value: T? = null

    override fun getValue(thisRef: Any?, property: KProperty<*>): T =
        value ?: throw IllegalStateException("${property.name} was not assigned in this block (the builder's default applies)")

    override fun setValue(thisRef: Any?, property: KProperty<*>, value: T) {
        forward(value)
        this.value = value
    }
}

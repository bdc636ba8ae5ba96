@file:JvmName("Frames")

package io.rhmlab.kernel.frame

import io.rhmlab.engine.curve.CurveMember
import io.rhmlab.engine.curve.LearningCurveResult
import io.rhmlab.engine.store.RunColumns
import io.rhmlab.engine.store.RunKey
import io.rhmlab.engine.store.RunStore
import io.rhmlab.engine.store.RunVersions
import io.rhmlab.engine.store.SpecJson
import io.rhmlab.engine.store.StoredRun
import org.jetbrains.kotlinx.dataframe.AnyFrame
import org.jetbrains.kotlinx.dataframe.DataColumn
import org.jetbrains.kotlinx.dataframe.api.dataFrameOf
import org.jetbrains.kotlinx.dataframe.columns.ValueColumn
import java.time.Instant
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/*
 * Results as Kotlin DataFrames (org.jetbrains.kotlinx:dataframe), so that runs and curves can be filtered, grouped
 * and plotted with the tools Kotlin notebooks already use:
 *
 *     val runs = RunStore.open(Path.of("notebooks.sqlite")).use { it.toDataFrame() }
 *     runs.filter { "arch"<String>() == "cnn" }.groupBy("P").median("test_error")
 *     curve.toDataFrame()                 // one row per member: P, seed, test_error, status, epochs, ..., S_{k,ℓ}
 *
 * The columns are those of `rhmlab runs export --csv` (RunColumns: v, n_c, m, s, L, s0, arch, H, P, seed, lr,
 * batch, learner, status, test_error, epochs, ...), so one name means one thing on the command line, in the CSV
 * and here. Cells are typed from their text: whole numbers become Int (Long when one does not fit), other numbers
 * Double, true/false Boolean, the rest String; an empty CSV cell is null.
 */

/** The JSON columns of the CSV export: long strings that a table of results does not need (history, measurements). */
private val JSON_COLUMNS = setOf("history", "measurements")

/** Provenance that a curve's own table leaves out (every member of one call shares it, or it says nothing yet). */
private val PROVENANCE = setOf("key", "rhmlab_version", "djl_version", "pytorch_version", "created", "semantics", "device")

/** Every run of the store (all results semantics; [StoredRun.isCurrent] tells the ones a curve would reuse), one row each. */
fun RunStore.toDataFrame(): AnyFrame = list().toDataFrame()

/**
 * Stored runs, one row each, in the order given: the columns of `runs export --csv` but the JSON ones (history,
 * measurements), typed; a spec field that only some runs have is null for the others.
 */
@JvmName("runsToDataFrame")
fun List<StoredRun>.toDataFrame(): AnyFrame {
    val rows = map { RunColumns.of(it) }
    // the CSV export's header: its fixed columns even with no run, then the spec fields some run has, then the results
    val names = LinkedHashSet(listOf("id", "key") + RunColumns.specNames())
    names += columnOrder(rows).filter { it !in RunColumns.RESULTS }
    names += RunColumns.RESULTS
    return frame(names.filter { it !in JSON_COLUMNS }, rows)
}

/**
 * A learning curve, one row per member (failed and diverged ones included: their status says so, their errors are
 * null): `curve` (its label), `P`, `seed` (the curve's realisation, as its figures group points), `test_error`,
 * `status` (how training stopped: CONVERGED, MAX_EPOCHS, DIVERGED, FAILED), `epochs`, `reused` (served from the
 * store), then the run's spec in the papers' notation (v, n_c, m, s, L, arch, H, lr, ...) and its other results;
 * measured observables last, one column per representation k and level ℓ named as in the papers (`S_{2,1}`,
 * `G_{3}`), null where a member has none.
 */
fun LearningCurveResult.toDataFrame(): AnyFrame = listOf(this).toDataFrame()

/** Several curves stacked (e.g. CNN and FCN on one task): the rows of each, told apart by `curve`. */
@JvmName("curvesToDataFrame")
fun List<LearningCurveResult>.toDataFrame(): AnyFrame {
    val rows = ArrayList<Map<String, String>>()
    val observables = ArrayList<String>()
    for (curve in this) for (m in curve.members().sortedWith(compareBy({ it.trainSize() }, { it.seed() }))) {
        val run = RunColumns.of(asStoredRun(m))
        val row = LinkedHashMap<String, String>()
        row["curve"] = curve.label()
        row["P"] = m.trainSize().toString()
        row["seed"] = m.seed().toString()
        row["test_error"] = run.getValue("test_error")
        row["status"] = run.getValue("status")
        row["epochs"] = run.getValue("epochs")
        row["reused"] = m.reused().toString()
        for ((k, v) in run) if (k !in row && k !in JSON_COLUMNS && k !in PROVENANCE && k != "id" && k != "seed") row[k] = v
        row["id"] = m.id()
        for ((o, table) in m.measurements().entries.sortedBy { it.key }) for (k in table.indices) for (l in table[k].indices) {
            if (table[k][l].isNaN()) continue
            val name = o.at(k + 1, l + 1)
            if (name !in observables) observables += name
            row[name] = table[k][l].toString()
        }
        rows += row
    }
    return frame(columnOrder(rows.map { it.filterKeys { k -> k !in observables } }) + observables, rows)
}

/** The member as the store would hold it, so that its columns come from the one mapping of the CSV export. */
private fun asStoredRun(m: CurveMember): StoredRun {
    val r = m.result()
    return StoredRun(m.key(), SpecJson.runSpec(r.spec()), r.status(), r.testError(), r.testErrorBest(), r.trainLoss(),
        r.trainError(), r.epochs(), r.steps(), r.wallSeconds(), r.device(), "[]", r.error(), RunVersions.current(),
        Instant.EPOCH, "{}", RunKey.semanticsOf(r.spec()))
}

/** Every column any row has, in first-seen order. */
private fun columnOrder(rows: List<Map<String, String>>): List<String> {
    val names = LinkedHashSet<String>()
    for (r in rows) names += r.keys
    return names.toList()
}

private fun frame(names: List<String>, rows: List<Map<String, String>>): AnyFrame =
    dataFrameOf(names.map { n -> typed(n, rows.map { it[n]?.takeIf { v -> v.isNotEmpty() } }) })

/** One column, typed by what all its cells parse as. */
internal fun typed(name: String, cells: List<String?>): ValueColumn<*> {
    val present = cells.filterNotNull()
    val nullable = present.size < cells.size
    return when {
        present.isEmpty() -> column(name, cells, typeOf<String?>())
        present.all { it.toIntOrNull() != null } -> column(name, cells.map { it?.toInt() }, if (nullable) typeOf<Int?>() else typeOf<Int>())
        present.all { it.toLongOrNull() != null } -> column(name, cells.map { it?.toLong() }, if (nullable) typeOf<Long?>() else typeOf<Long>())
        present.all { it.toDoubleOrNull() != null } -> column(name, cells.map { it?.toDouble() }, if (nullable) typeOf<Double?>() else typeOf<Double>())
        present.all { it == "true" || it == "false" } -> column(name, cells.map { it?.toBooleanStrict() }, if (nullable) typeOf<Boolean?>() else typeOf<Boolean>())
        else -> column(name, cells, if (nullable) typeOf<String?>() else typeOf<String>())
    }
}

private fun <T> column(name: String, values: List<T>, type: KType): ValueColumn<T> = DataColumn.createValueColumn(name, values, type)

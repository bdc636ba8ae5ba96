package io.rhmlab.kernel.frame

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.experiment.Observable
import io.rhmlab.dsl.net.Architecture
import io.rhmlab.engine.store.RunStore
import io.rhmlab.engine.train.Status
import io.rhmlab.kernel.plot.SyntheticMember
import io.rhmlab.kernel.plot.syntheticCurve
import org.assertj.core.api.Assertions.assertThat
import org.jetbrains.kotlinx.dataframe.api.filter
import org.jetbrains.kotlinx.dataframe.api.groupBy
import org.jetbrains.kotlinx.dataframe.api.median
import org.jetbrains.kotlinx.dataframe.api.sortBy
import org.jetbrains.kotlinx.dataframe.api.toList
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.reflect.typeOf

class FramesTest {
    private val task = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build()

    private fun curve(label: String = "CNN(H=32)") = syntheticCurve(label, task, Architecture.cnn().width(32).build(), listOf(
        SyntheticMember(64, 1, 0.50), SyntheticMember(64, 2, 0.40, status = Status.MAX_EPOCHS),
        SyntheticMember(256, 1, 0.10, measurements = mapOf(Observable.SYNONYMS to arrayOf(doubleArrayOf(0.9), doubleArrayOf(0.3), doubleArrayOf(0.2)))),
        SyntheticMember(256, 2, Double.NaN, status = Status.DIVERGED),
    ))

    @Test
    fun aCurveIsOneRowPerMemberInThePapersNotation() {
        val df = curve().toDataFrame()
        assertThat(df.rowsCount()).isEqualTo(4)
        assertThat(df.columnNames()).startsWith("curve", "P", "seed", "test_error", "status", "epochs", "reused")
            .contains("v", "n_c", "m", "s", "L", "arch", "H", "lr", "batch", "max_epochs", "id")
            .doesNotContain("history", "measurements", "key")
        assertThat(df.columnNames().last()).isEqualTo("S_{3,1}")
        assertThat(df["P"].type()).isEqualTo(typeOf<Int>())
        assertThat(df["test_error"].type()).isEqualTo(typeOf<Double?>())   // the diverged member has none
        assertThat(df["status"].toList()).containsExactly("CONVERGED", "MAX_EPOCHS", "CONVERGED", "DIVERGED")
        assertThat(df["n_c"].toList()).containsOnly(4)
        assertThat(df["m"].toList()).containsOnly(4)
        assertThat(df["S_{2,1}"].toList()).containsExactly(null, null, 0.3, null)
        // what a user does next: filter and group with dataframe's own API
        val converged = df.filter { "status"<String>() == "CONVERGED" }
        assertThat(converged["seed"].toList()).containsExactly(1, 1)
        val medians = df.filter { "test_error"<Double?>() != null }.groupBy("P").median("test_error").sortBy("P")
        assertThat(medians["test_error"].toList()).containsExactly(0.45, 0.10)
    }

    @Test
    fun curvesStackWithTheirLabels() {
        val df = listOf(curve("CNN"), curve("FCN")).toDataFrame()
        assertThat(df.rowsCount()).isEqualTo(8)
        assertThat(df["curve"].toList().distinct()).containsExactly("CNN", "FCN")
    }

    @Test
    fun theStoresRunsAreTheColumnsOfTheCsvExport(@TempDir dir: Path) {
        RunStore.open(dir.resolve("runs.sqlite")).use { store ->
            for (m in curve().members()) store.put(m.result())
            val df = store.toDataFrame()
            assertThat(df.rowsCount()).isEqualTo(4)
            assertThat(df.columnNames()).startsWith("id", "key", "v", "n_c", "m", "s", "L")
                .contains("P", "seed", "arch", "H", "status", "test_error", "epochs", "rhmlab_version", "created")
                .doesNotContain("history", "measurements")
            assertThat(df["P"].toList()).containsOnly(64, 256)
            assertThat(df["L"].toList()).containsOnly(3)
            assertThat(df["s0"].type()).isEqualTo(typeOf<Int>())
            assertThat(df.filter { "status"<String>() == "DIVERGED" }.rowsCount()).isEqualTo(1)
        }
    }

    @Test
    fun cellsAreTypedFromTheirText() {
        assertThat(typed("a", listOf("1", null, "3")).type()).isEqualTo(typeOf<Int?>())
        assertThat(typed("a", listOf("1", "30000000000")).type()).isEqualTo(typeOf<Long>())
        assertThat(typed("a", listOf("0.5", "1")).type()).isEqualTo(typeOf<Double>())
        assertThat(typed("a", listOf("true", "false")).type()).isEqualTo(typeOf<Boolean>())
        assertThat(typed("a", listOf("cnn", "1")).type()).isEqualTo(typeOf<String>())
        assertThat(typed("a", listOf(null, null)).type()).isEqualTo(typeOf<String?>())
    }

    @Test
    fun aFrameShowsAsAPlainTable() {
        val html = FrameView.html(curve().toDataFrame())
        assertThat(html).startsWith("<table").contains("<th>test_error</th>", "<td>MAX_EPOCHS</td>", "4 rows").doesNotContain("<script")
    }
}

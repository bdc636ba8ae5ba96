package io.rhmlab.kernel.frame

import org.jetbrains.kotlinx.dataframe.AnyFrame

/**
 * A DataFrame in a notebook: a plain HTML table of its first rows (no script, so it shows the same in the notebook,
 * in an export and on GitHub) and the frame's own text for consoles. dataframe's interactive table needs its
 * notebook integration, which the 0.11 Kotlin kernel cannot run (docs/stack.md).
 */
object FrameView {
    /** Rows shown; the rest are counted below the table. */
    const val ROWS = 20

    @JvmStatic
    fun html(df: AnyFrame): String {
        val names = df.columnNames()
        val shown = minOf(df.rowsCount(), ROWS)
        val out = StringBuilder("<table class=\"rhmlab-frame\" style=\"font-size: smaller\">\n<thead><tr>")
        for (n in names) out.append("<th>").append(escape(n)).append("</th>")
        out.append("</tr></thead>\n<tbody>\n")
        for (i in 0 until shown) {
            out.append("<tr>")
            val row = df[i]
            for (n in names) out.append("<td>").append(escape(cell(row[n]))).append("</td>")
            out.append("</tr>\n")
        }
        out.append("</tbody></table>\n<p style=\"font-size: smaller\">DataFrame: ${df.rowsCount()} rows × ${names.size} columns")
        if (shown < df.rowsCount()) out.append(", the first $shown shown")
        return out.append("</p>\n").toString()
    }

    @JvmStatic
    fun text(df: AnyFrame): String = df.toString()

    private fun cell(v: Any?): String = when (v) {
        null -> ""
        is Double -> if (v.isNaN()) "NaN" else java.math.BigDecimal(v).round(java.math.MathContext(4)).stripTrailingZeros().toPlainString()
        else -> v.toString()
    }

    private fun escape(s: String) = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
}

package io.rhmlab.kernel.notebook

import io.rhmlab.dsl.Hierarchy
import io.rhmlab.dsl.grammar.Expander
import io.rhmlab.dsl.grammar.Rules
import io.rhmlab.dsl.Seeds
import java.util.SplittableRandom

/**
 * A hierarchy spec as people read it: one summary line (d, P_max, the theory scales) and one datum drawn from the
 * rules, shown as its derivation tree (class at the top, the informative symbols of each level below, the input
 * with blanks `·` at the bottom). Plain text; [html] wraps it for notebooks.
 */
object HierarchyView {

    @JvmStatic
    fun summary(h: Hierarchy): String {
        val sb = StringBuilder(h.summary())
        if (h.isSparse) sb.append(" (s0+1)^L·n_c·m^L=").append(h.lcnScale()).append(" (s0+1)²·n_c·m^L=").append(h.cnnScale())
        return sb.toString()
    }

    /** The tree of one datum drawn with [seed] from the rules of [h] (its rule seed). */
    @JvmStatic
    @JvmOverloads
    fun tree(h: Hierarchy, seed: Long = 1): String {
        val rules = Rules.draw(h)
        val rng = SplittableRandom(Seeds.derive(seed, Seeds.Purpose.SAMPLE_ORDER))
        val s = h.branching()
        val L = h.depth()
        val label = rng.nextInt(h.classes())
        val nodes = h.expandedNodes().toInt()
        val q = h.placementsPerNode().toInt()
        val choices = IntArray(nodes) { rng.nextInt(h.multiplicity() * q) }
        // symbols level by level, in generation order (depth 0 node 0, depth 1 nodes 0..s−1, ...)
        val levels = ArrayList<IntArray>()
        levels += intArrayOf(label)
        var k = 0
        for (t in 0 until L) {
            val parents = levels.last()
            val children = IntArray(parents.size * s)
            for (i in parents.indices) {
                val rule = choices[k++] / q
                for (j in 0 until s) children[i * s + j] = rules.child(t, parents[i], rule, j)
            }
            levels += children
        }
        val leaves = levels.last().size
        val cell = maxOf(3, h.vocabulary().toString().length + 2)
        val width = leaves * cell
        val lines = ArrayList<String>()
        val names = listOf("class") + (1..L).map { t -> if (t == L) "input x (level 1)" else "level ${L - t + 1}" }
        for ((t, syms) in levels.withIndex()) {
            val span = width / syms.size
            val row = CharArray(width) { ' ' }
            for ((i, v) in syms.withIndex()) {
                val txt = v.toString()
                val at = i * span + span / 2 - txt.length / 2
                txt.forEachIndexed { c, ch -> if (at + c in 0 until width) row[at + c] = ch }
            }
            lines += String.format("%-18s %s", names[t], String(row).trimEnd())
            if (t < L) {
                // connectors: one / \ pair per parent
                val link = CharArray(width) { ' ' }
                val childSpan = width / (syms.size * s)
                for (i in syms.indices) for (j in 0 until s) {
                    val at = (i * s + j) * childSpan + childSpan / 2
                    link[at.coerceIn(0, width - 1)] = if (j == 0) '/' else if (j == s - 1) '\\' else '|'
                }
                lines += String.format("%-18s %s", "", String(link).trimEnd())
            }
        }
        if (h.isSparse) {
            val out = ByteArray(h.inputLength())
            Expander(rules).expand(label, choices, out, 0)
            val blank = h.blankToken()
            lines += ""
            lines += String.format("%-18s %s", "input (d=${h.inputLength()})", out.joinToString(" ") { if (it.toInt() and 255 == blank) "·" else (it.toInt() and 255).toString() })
        }
        return lines.joinToString("\n")
    }

    /** Summary and tree as plain text. */
    @JvmStatic
    fun text(h: Hierarchy): String = summary(h) + "\n\none datum, drawn from the rules:\n" + tree(h)

    /** Summary and tree as an HTML fragment (no scripts, no external resources). */
    @JvmStatic
    fun html(h: Hierarchy): String {
        val esc = { x: String -> x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") }
        val big = h.inputLength() > 64
        return "<div><b>" + esc(summary(h)) + "</b>" +
            (if (big) "<p><i>d = ${h.inputLength()}: tree not drawn</i></p>"
            else "<p>one datum, drawn from the rules:</p><pre style=\"line-height:1.2\">" + esc(tree(h)) + "</pre>") + "</div>"
    }
}

package io.rhmlab.kernel.notebook

import io.rhmlab.dsl.experiment.RunSpec
import io.rhmlab.engine.run.SweepListener
import io.rhmlab.engine.train.MemberResult
import io.rhmlab.engine.train.Status

/**
 * The progress of a sweep as one display that is redrawn in place (at most [minIntervalMs] apart): runs done,
 * the current ensemble, its epoch and loss, and the members finished so far. [show] receives the HTML and
 * whether it is the first drawing (display) or an update; the notebook integration maps those to the kernel's
 * display / updateDisplay, so this class does not depend on the notebook API.
 */
class NotebookProgress @JvmOverloads constructor(
    private val show: (html: String, text: String, first: Boolean) -> Unit,
    private val minIntervalMs: Long = 500,
) : SweepListener {
    private var total = 0
    private var done = 0
    private var reused = 0
    private var ensemble = 0
    private var ensembles = 0
    private var members = 0
    private var active = 0
    private var epoch = 0
    private var loss = Double.NaN
    private var shown = false
    private var last = 0L
    private val finished = ArrayList<String>()
    private val start = System.nanoTime()

    @Synchronized
    override fun onSweepStart(total: Int, reused: Int) {
        this.total = total
        this.done = reused
        this.reused = reused
        draw(true)
    }

    @Synchronized
    override fun onEnsembleStart(index: Int, count: Int, members: List<RunSpec>) {
        ensemble = index
        ensembles = count
        this.members = members.size
        active = members.size
        epoch = 0
        loss = Double.NaN
        draw(true)
    }

    @Synchronized
    override fun onEpoch(epoch: Int, active: Int, meanLoss: Double) {
        this.epoch = epoch
        this.active = active
        this.loss = meanLoss
        draw(false)
    }

    @Synchronized
    override fun onMemberDone(member: Int, result: MemberResult) {
        done++
        finished += if (result.status() == Status.FAILED) "P=${result.spec().trainSize()}: FAILED ${result.error()}"
        else String.format("P=%d seed=%d: ε=%.3f (%s, %d epochs)", result.spec().trainSize(), result.spec().modelSeed(),
            result.testError(), result.status().name.lowercase(), result.epochs())
        draw(true)
    }

    @Synchronized
    override fun onSweepEnd() {
        draw(true)
    }

    /** The status line (plain text). */
    @Synchronized
    fun line(): String {
        val secs = (System.nanoTime() - start) / 1_000_000_000.0
        val sb = StringBuilder("$done/$total runs")
        if (reused > 0) sb.append(" ($reused from the store)")
        if (ensembles > 0 && done < total) {
            sb.append(" · ensemble $ensemble/$ensembles ($active/$members active) · epoch $epoch")
            if (!loss.isNaN()) sb.append(String.format(" · loss %.3e", loss))
        }
        return sb.append(String.format(" · %.0f s", secs)).toString()
    }

    private fun draw(force: Boolean) {
        val now = System.currentTimeMillis()
        if (!force && now - last < minIntervalMs) return
        last = now
        val frac = if (total == 0) 1.0 else done.toDouble() / total
        val text = line()
        val recent = finished.takeLast(6)
        val html = "<div style=\"font-family:monospace;font-size:12px\">" +
            "<progress value=\"${"%.3f".format(frac)}\" max=\"1\" style=\"width:240px\"></progress> " +
            esc(text) + (if (recent.isEmpty()) "" else "<br/>" + recent.joinToString("<br/>") { esc(it) }) + "</div>"
        val first = !shown
        shown = true
        show(html, text + (if (recent.isEmpty()) "" else "\n" + recent.joinToString("\n")), first)
    }

    private fun esc(s: String) = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
}

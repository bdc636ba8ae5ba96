package io.rhmlab.kernel.plot

import org.jetbrains.letsPlot.commons.intern.json.JsonSupport
import org.jetbrains.letsPlot.core.util.MonolithicCommon
import java.nio.file.Files
import java.nio.file.Path
import java.util.UUID

/**
 * lets-plot's browser renderer (`lets-plot.min.js`), which draws notebook figures interactively (tooltips on hover).
 * rhmlab does not ship it: no registry this project builds from serves it (Maven Central has no lets-plot script
 * artifact, npm no `lets-plot` package), and lets-plot's own notebook output loads it from a CDN, which rhmlab never
 * does. So [find] looks for a copy the user already has, offline, in this order:
 *  1. the system property `rhmlab.letsPlotJs`, then the environment variable `RHMLAB_LETS_PLOT_JS`: a file's path
 *     (the property first, so a JVM can override its environment; the value `none` turns the lookup off);
 *  2. the script inside a Python lets-plot installation (`pip install lets-plot==4.1.0`):
 *     `lets_plot/package_data/lets-plot.min.js` under the usual site-packages / dist-packages folders.
 *
 * Only a script of the JVM side's release line ([VERSION]'s major.minor) is taken: it draws the specs that
 * `plot-stem` / `platf-awt` process here, and a script of another release may draw them wrongly rather than fail.
 * The script text carries no version of its own, so the version is read from what comes with it: its Python
 * package's `_version.py`, or else its file name (`lets-plot-4.1.0.min.js`). A script whose version is another, or
 * cannot be told, is skipped with a one-line note. With no script, notebook figures stay static (PNG + SVG).
 *
 * A page loads the script once ([libraryHtml], displayed by `%use rhmlab`); each figure ([Figure.toInteractiveHtml])
 * then draws itself, or waits for the script if it comes later, and otherwise keeps its PNG.
 */
object LetsPlotJs {
    /** The lets-plot release of the JVM side (`platf-awt-jvm`, `plot-stem-jvm`); a test checks it against the jar. */
    const val VERSION = "4.1.0"
    const val PROPERTY = "rhmlab.letsPlotJs"
    const val ENV = "RHMLAB_LETS_PLOT_JS"

    /** The one function every figure calls: a file without it is not lets-plot's browser build. */
    private const val ENTRY = "buildPlotFromProcessedSpecs"

    /** A usable script: where it was found, its version, and its text (without its source-map comment). */
    class Script(val path: Path, val version: String, val text: String)

    /** What a lookup found ([script], or null: figures stay static) and why it skipped what it skipped ([notes]). */
    class Lookup(val script: Script?, val notes: List<String>)

    /**
     * The script the notebook uses, set by `%use rhmlab` from [find] (null: static figures). Notebook figures are
     * interactive only when the page has the script, and `%use` is what puts it on the page.
     */
    @Volatile
    @JvmStatic
    var active: Script? = null

    /** The line `%use rhmlab` prints when no script was found. */
    const val STATIC_NOTE = "rhmlab: figures are static (PNG); for interactive ones set $ENV to a lets-plot 4.1 " +
        "lets-plot.min.js (e.g. from `pip install lets-plot==4.1.0`: .../lets_plot/package_data/lets-plot.min.js)"

    /**
     * Looks for the script as described on [LetsPlotJs]: [props] and [env] name a file; [pythonDirs] are the
     * site-packages / dist-packages folders to search ([pythonSitePackages] by default). Reads nothing from the network.
     */
    @JvmStatic
    @JvmOverloads
    fun find(
        env: Map<String, String> = System.getenv(),
        props: Map<String, String> = System.getProperties().entries.associate { (k, v) -> k.toString() to v.toString() },
        pythonDirs: List<Path> = pythonSitePackages(env, System.getProperty("user.home")),
    ): Lookup {
        val notes = ArrayList<String>()
        val named = props[PROPERTY]?.takeIf { it.isNotBlank() } ?: env[ENV]?.takeIf { it.isNotBlank() }
        if (named != null) {
            if (named.trim().equals("none", ignoreCase = true)) return Lookup(null, notes)
            check(Path.of(named.trim()), notes)?.let { return Lookup(it, notes) }
        }
        for (dir in pythonDirs) {
            val file = dir.resolve("lets_plot").resolve("package_data").resolve("lets-plot.min.js")
            if (Files.isRegularFile(file)) check(file, notes)?.let { return Lookup(it, notes) }
        }
        return Lookup(null, notes)
    }

    /** The script at [file] if it is one of [VERSION]'s release line; otherwise null, and a note says why. */
    private fun check(file: Path, notes: MutableList<String>): Script? {
        if (!Files.isRegularFile(file)) {
            notes += "rhmlab: no lets-plot script at $file (named by $PROPERTY / $ENV)"
            return null
        }
        val version = versionOf(file)
        if (version == null) {
            notes += "rhmlab: skipped $file: its lets-plot version cannot be told (expected $VERSION; keep it in its " +
                "pip package, or name it lets-plot-$VERSION.min.js)"
            return null
        }
        if (releaseLine(version) != releaseLine(VERSION)) {
            notes += "rhmlab: skipped $file: lets-plot $version, but rhmlab's lets-plot is $VERSION"
            return null
        }
        val text = String(Files.readAllBytes(file), Charsets.UTF_8)
        if (!text.contains(ENTRY)) {
            notes += "rhmlab: skipped $file: not lets-plot's browser script (no $ENTRY)"
            return null
        }
        // a browser with developer tools open would try to fetch the source map: the comment goes
        return Script(file, version, text.lines().filterNot { it.startsWith("//# sourceMappingURL=") }.joinToString("\n"))
    }

    private val VERSION_PY = Regex("""__version__\s*=\s*['"]([^'"]+)['"]""")
    private val VERSION_IN_NAME = Regex("""(\d+\.\d+\.\d+[0-9A-Za-z.\-]*?)(?:\.min)?\.js$""")

    /**
     * The version of the script at [file]: from `_version.py` of the Python package it sits in
     * (`lets_plot/package_data/lets-plot.min.js` → `lets_plot/_version.py`), else from its name; null when neither says.
     */
    internal fun versionOf(file: Path): String? {
        val pkg = file.toAbsolutePath().parent?.takeIf { it.fileName?.toString() == "package_data" }?.parent
        val py = pkg?.resolve("_version.py")
        if (py != null && Files.isRegularFile(py)) VERSION_PY.find(Files.readString(py))?.let { return it.groupValues[1] }
        return VERSION_IN_NAME.find(file.fileName.toString())?.groupValues?.get(1)
    }

    /** "4.1" of "4.1.0" or "4.1.2rc1": releases of one line draw the same processed specs. */
    private fun releaseLine(v: String) = v.split('.').take(2).joinToString(".")

    /**
     * Where a Python lets-plot is usually installed: the active virtual environment or conda prefix, the user's
     * site-packages, and the system's (Debian's dist-packages, and site-packages of a Python built from source).
     */
    @JvmStatic
    fun pythonSitePackages(env: Map<String, String>, home: String?): List<Path> {
        val dirs = ArrayList<Path>()
        fun underLib(prefix: Path, leaf: String) {
            val lib = prefix.resolve("lib")
            if (!Files.isDirectory(lib)) return
            // an unreadable folder is one place fewer to look, not an error: the figures then stay static
            runCatching {
                Files.list(lib).use { s ->
                    s.filter { it.fileName.toString().startsWith("python3") }.sorted(Comparator.reverseOrder())
                        .forEach { dirs.add(it.resolve(leaf)) }
                }
            }
        }
        for (v in listOf("VIRTUAL_ENV", "CONDA_PREFIX")) env[v]?.takeIf { it.isNotBlank() }?.let { underLib(Path.of(it), "site-packages") }
        if (home != null) underLib(Path.of(home, ".local"), "site-packages")
        for (prefix in listOf("/usr/local", "/usr")) {
            underLib(Path.of(prefix), "dist-packages")
            underLib(Path.of(prefix), "site-packages")
        }
        return dirs.filter { Files.isDirectory(it) }
    }

    /**
     * [script] as one HTML output, followed by a small one that draws the figures that were waiting for it
     * (`window.rhmlabFigures`); later figures draw at once.
     */
    fun libraryHtml(script: Script): String = """<script type="text/javascript" data-rhmlab="lets-plot ${script.version}">
${script.text.replace("</script", "<\\/script")}
</script>
<script type="text/javascript">
(function () {
  var waiting = window.rhmlabFigures;
  window.rhmlabFigures = { push: function (draw) { draw(); } };
  if (waiting && waiting.length) waiting.forEach(function (draw) { draw(); });
})();
</script>
<div style="font-size: smaller; color: #777">rhmlab: figures are interactive (lets-plot ${script.version} from ${escape(script.path.toString())}; hover a point for its numbers)</div>
"""

    private fun escape(s: String) = s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")

    /**
     * [figure] as HTML: a box that lets-plot's script fills with the interactive plot (tooltips on hover), and the
     * figure's PNG, hidden once the plot is drawn. Where scripts do not run (GitHub's preview, an untrusted
     * notebook) or the library was never loaded, the PNG is what shows.
     */
    fun figureHtml(figure: Figure, pngBase64: String): String {
        val id = "rhmlab-figure-" + UUID.randomUUID()
        // processed on the JVM as lets-plot's own notebook output does; "</" escaped so no string can close the script
        val spec = JsonSupport.formatJson(MonolithicCommon.processRawSpecs(figure.spec().toMutableMap(), false)).replace("</", "<\\/")
        return """<div id="$id" class="rhmlab-figure" style="width: ${figure.width}px; max-width: 100%">
<div class="rhmlab-figure-live"></div>
<img class="rhmlab-figure-static" alt="${escape(figure.caption)}" width="${figure.width}" height="${figure.height}" src="data:image/png;base64,$pngBase64">
</div>
<script type="text/javascript">
(function () {
  var draw = function () {
    var box = document.getElementById("$id");
    if (!box || !window.LetsPlot || box.getAttribute("data-rhmlab-interactive")) return;
    try {
      window.LetsPlot.$ENTRY($spec, ${figure.width}, ${figure.height}, box.firstElementChild);
      box.lastElementChild.style.display = "none";
      box.setAttribute("data-rhmlab-interactive", "true");
    } catch (e) {
      box.firstElementChild.innerHTML = "";   // the PNG stays
    }
  };
  if (window.LetsPlot) draw(); else (window.rhmlabFigures = window.rhmlabFigures || []).push(draw);
})();
</script>
"""
    }
}

package io.rhmlab.kernel.plot

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

/**
 * Where `%use rhmlab` looks for the user's lets-plot script, and which it takes. The scripts here are stand-ins
 * written by the test: one line with the entry point the figures call; their versions come from their names or
 * from a fake Python package's `_version.py`, as a real script's do (its text has no version).
 */
class LetsPlotJsTest {
    @TempDir
    lateinit var dir: Path

    private fun standIn(path: Path): Path {
        Files.createDirectories(path.parent)
        return Files.writeString(path, "window.LetsPlot = { buildPlotFromProcessedSpecs: function () {} };\n")
    }

    /** A pip-style installation under [site]: lets_plot/_version.py and lets_plot/package_data/lets-plot.min.js. */
    private fun pipPackage(site: Path, version: String): Path {
        val pkg = site.resolve("lets_plot")
        Files.createDirectories(pkg)
        Files.writeString(pkg.resolve("_version.py"), "__version__ = '$version'\n")
        return standIn(pkg.resolve("package_data").resolve("lets-plot.min.js"))
    }

    @Test
    fun aFileNamedByThePropertyOrTheEnvironmentIsTaken() {
        val js = standIn(dir.resolve("lets-plot-4.1.0.min.js"))
        val byProperty = LetsPlotJs.find(emptyMap(), mapOf(LetsPlotJs.PROPERTY to js.toString()), emptyList())
        assertThat(byProperty.script!!.path).isEqualTo(js)
        assertThat(byProperty.script!!.version).isEqualTo("4.1.0")
        assertThat(byProperty.script!!.text).contains("buildPlotFromProcessedSpecs")
        assertThat(byProperty.notes).isEmpty()
        val byEnv = LetsPlotJs.find(mapOf(LetsPlotJs.ENV to js.toString()), emptyMap(), emptyList())
        assertThat(byEnv.script!!.path).isEqualTo(js)
    }

    @Test
    fun thePropertyComesBeforeTheEnvironment() {
        val prop = standIn(dir.resolve("a").resolve("lets-plot-4.1.0.min.js"))
        val env = standIn(dir.resolve("b").resolve("lets-plot-4.1.0.min.js"))
        val found = LetsPlotJs.find(mapOf(LetsPlotJs.ENV to env.toString()), mapOf(LetsPlotJs.PROPERTY to prop.toString()), emptyList())
        assertThat(found.script!!.path).isEqualTo(prop)
    }

    @Test
    fun anotherReleaseIsSkippedWithOneLineNamingTheFileAndBothVersions() {
        val js = standIn(dir.resolve("lets-plot-4.2.0.min.js"))
        val found = LetsPlotJs.find(mapOf(LetsPlotJs.ENV to js.toString()), emptyMap(), emptyList())
        assertThat(found.script).isNull()
        assertThat(found.notes).singleElement().asString().contains(js.toString(), "4.2.0", "4.1.0").doesNotContain("\n")
    }

    @Test
    fun aPatchReleaseOfTheSameLineIsTaken() {
        val js = standIn(dir.resolve("lets-plot-4.1.1.min.js"))
        assertThat(LetsPlotJs.find(mapOf(LetsPlotJs.ENV to js.toString()), emptyMap(), emptyList()).script!!.version).isEqualTo("4.1.1")
    }

    @Test
    fun aFileWhoseVersionCannotBeToldOrThatIsNotLetsPlotIsSkipped() {
        val unnamed = standIn(dir.resolve("plot.js"))
        val found = LetsPlotJs.find(mapOf(LetsPlotJs.ENV to unnamed.toString()), emptyMap(), emptyList())
        assertThat(found.script).isNull()
        assertThat(found.notes).singleElement().asString().contains(unnamed.toString(), "cannot be told", "4.1.0")
        val other = Files.writeString(dir.resolve("lets-plot-4.1.0.min.js"), "console.log('something else');\n")
        val notLetsPlot = LetsPlotJs.find(mapOf(LetsPlotJs.ENV to other.toString()), emptyMap(), emptyList())
        assertThat(notLetsPlot.script).isNull()
        assertThat(notLetsPlot.notes).singleElement().asString().contains(other.toString(), "not lets-plot")
        val missing = LetsPlotJs.find(mapOf(LetsPlotJs.ENV to dir.resolve("absent.js").toString()), emptyMap(), emptyList())
        assertThat(missing.script).isNull()
        assertThat(missing.notes).singleElement().asString().contains("absent.js")
    }

    @Test
    fun aPythonInstallationIsFoundByItsVersionFileAndAMismatchedOneIsSkipped() {
        val old = pipPackage(dir.resolve("usr/lib/python3/dist-packages"), "4.0.1")
        val good = pipPackage(dir.resolve("home/.local/lib/python3.11/site-packages"), "4.1.0")
        val found = LetsPlotJs.find(emptyMap(), emptyMap(), listOf(old.parent.parent.parent, good.parent.parent.parent))
        assertThat(found.script!!.path).isEqualTo(good)
        assertThat(found.script!!.version).isEqualTo("4.1.0")
        assertThat(found.notes).singleElement().asString().contains(old.toString(), "4.0.1", "4.1.0")
    }

    @Test
    fun nothingFoundOrNoneMeansStaticFigures() {
        val nothing = LetsPlotJs.find(emptyMap(), emptyMap(), listOf(dir))
        assertThat(nothing.script).isNull()
        assertThat(nothing.notes).isEmpty()
        // "none" turns the lookup off, even where a Python installation has a script
        val site = dir.resolve("site-packages")
        pipPackage(site, "4.1.0")
        assertThat(LetsPlotJs.find(mapOf(LetsPlotJs.ENV to "none"), emptyMap(), listOf(site)).script).isNull()
        assertThat(LetsPlotJs.find(emptyMap(), emptyMap(), listOf(site)).script).isNotNull()
        assertThat(LetsPlotJs.STATIC_NOTE).contains("static", LetsPlotJs.ENV, "lets-plot==4.1.0").doesNotContain("\n", "http")
    }

    @Test
    fun pythonFoldersComeFromTheVirtualEnvironmentTheUsersHomeAndTheSystem() {
        val venv = Files.createDirectories(dir.resolve("venv/lib/python3.12/site-packages"))
        val user = Files.createDirectories(dir.resolve("home/.local/lib/python3.11/site-packages"))
        Files.createDirectories(dir.resolve("venv/lib/perl5"))
        val dirs = LetsPlotJs.pythonSitePackages(mapOf("VIRTUAL_ENV" to dir.resolve("venv").toString()), dir.resolve("home").toString())
        assertThat(dirs).startsWith(venv, user)
    }
}

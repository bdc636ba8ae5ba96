package io.rhmlab.kernel.plot

import org.apache.batik.transcoder.SVGAbstractTranscoder
import org.apache.batik.transcoder.TranscoderInput
import org.apache.batik.transcoder.TranscoderOutput
import org.apache.batik.transcoder.image.ImageTranscoder
import org.apache.batik.transcoder.image.PNGTranscoder
import org.jetbrains.letsPlot.awt.plot.PlotSvgExport
import org.jetbrains.letsPlot.commons.geometry.DoubleVector
import org.jetbrains.letsPlot.intern.Feature
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.intern.figure.SubPlotsFigure
import org.jetbrains.letsPlot.intern.toSpec
import java.awt.Color
import java.io.ByteArrayOutputStream
import java.io.StringReader
import java.nio.file.Files
import java.nio.file.Path
import java.util.Base64

/**
 * A figure as a value: a lets-plot plot rendered on the JVM, with no JavaScript, to SVG and to PNG (batik on the
 * SVG). It renders inline in a Kotlin notebook (PNG and SVG; interactive where lets-plot's script is found),
 * composes with any lets-plot feature, and saves from any JVM code:
 * ```
 * val f = learningCurveFigure(curve) + ggtitle("CNN on the RHM") + theme(legendPosition = "bottom")
 * f.save(Path.of("figures/cnn.png"))                 // by extension: .svg, .png or .html
 * f.save(Path.of("figures"), "cnn")                  // figures/cnn.svg and figures/cnn.png
 * ```
 *
 * @param plot   the lets-plot plot (a [org.jetbrains.letsPlot.intern.Plot], or a grid from `gggrid`)
 * @param name   a file-friendly name, the base name the report uses
 * @param width  width in CSS pixels (the PNG is [DEFAULT_PNG_SCALE] times larger)
 * @param height height in CSS pixels
 */
class Figure @JvmOverloads constructor(
    val plot: org.jetbrains.letsPlot.Figure,
    val name: String,
    val width: Int,
    val height: Int,
    /** A one-line description: what is plotted, for text outputs and alt texts. */
    val caption: String = name,
) {
    /**
     * This figure with a lets-plot feature added (a title, a theme, a scale, a layer, `ggsize`...), as lets-plot's
     * own `+` would: `learningCurveFigure(curve) + ggtitle("…") + themeMinimal()`.
     */
    operator fun plus(feature: Feature): Figure = Figure(
        when (plot) {
            is Plot -> plot + feature
            is SubPlotsFigure -> plot + feature
            else -> throw IllegalArgumentException("feature: cannot add to a ${plot::class.simpleName}")
        }, name, width, height, caption)

    /** The same plot drawn at another size (CSS pixels). */
    fun withSize(width: Int, height: Int): Figure {
        require(width > 0 && height > 0) { "size: width and height must be > 0, got ${width}×$height" }
        return Figure(plot, name, width, height, caption)
    }

    private val svg: String by lazy { render() }

    /** The lets-plot specification (a JSON-like map), for other front ends. */
    fun spec(): Map<String, Any> = plot.toSpec()

    /** The figure as a standalone SVG document. */
    fun toSvg(): String = svg

    /** The figure as PNG bytes, [scale] times the CSS size (2 = sharp on high-density screens and in papers). */
    @JvmOverloads
    fun toPng(scale: Double = DEFAULT_PNG_SCALE): ByteArray {
        headless()
        val t = PNGTranscoder()
        t.addTranscodingHint(SVGAbstractTranscoder.KEY_WIDTH, (width * scale).toFloat())
        t.addTranscodingHint(SVGAbstractTranscoder.KEY_HEIGHT, (height * scale).toFloat())
        t.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, Color.WHITE)
        val out = ByteArrayOutputStream()
        t.transcode(TranscoderInput(StringReader(svg)), TranscoderOutput(out))
        return out.toByteArray()
    }

    /** The PNG, base64-encoded (for data URIs and notebook outputs). */
    @JvmOverloads
    fun toPngBase64(scale: Double = DEFAULT_PNG_SCALE): String = Base64.getEncoder().encodeToString(toPng(scale))

    /**
     * The figure for a notebook: interactive through lets-plot's script (the user's copy, found and loaded once per
     * page by `%use rhmlab`: [LetsPlotJs]), with the PNG in its place wherever scripts do not run.
     */
    @JvmOverloads
    fun toInteractiveHtml(pngBase64: String = toPngBase64()): String = LetsPlotJs.figureHtml(this, pngBase64)

    /** A standalone HTML page showing the SVG (no script, so it opens offline). */
    fun toHtml(): String {
        val title = caption.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>$title</title></head>\n<body>\n$svg\n</body></html>\n"
    }

    /** Writes the figure to [file] in the format of its extension: `.svg`, `.png` (at [DEFAULT_PNG_SCALE]) or `.html`. */
    fun save(file: Path): Path {
        val name = file.fileName?.toString() ?: ""
        return when (name.substringAfterLast('.', "").lowercase()) {
            "svg" -> saveSvg(file)
            "png" -> savePng(file)
            "html", "htm" -> write(file, toHtml().toByteArray())
            else -> throw IllegalArgumentException("file: expected a name ending in .svg, .png or .html, got '$name'")
        }
    }

    fun saveSvg(file: Path): Path {
        file.toAbsolutePath().parent?.let { Files.createDirectories(it) }
        return Files.writeString(file, svg)
    }

    @JvmOverloads
    fun savePng(file: Path, scale: Double = DEFAULT_PNG_SCALE): Path {
        file.toAbsolutePath().parent?.let { Files.createDirectories(it) }
        return Files.write(file, toPng(scale))
    }

    /** Writes `dir/baseName.svg` and `dir/baseName.png`; returns both paths. */
    fun save(dir: Path, baseName: String): List<Path> =
        listOf(saveSvg(dir.resolve("$baseName.svg")), savePng(dir.resolve("$baseName.png")))

    private fun write(file: Path, bytes: ByteArray): Path {
        file.toAbsolutePath().parent?.let { Files.createDirectories(it) }
        return Files.write(file, bytes)
    }

    override fun toString(): String = "Figure($name, ${width}×$height: $caption)"

    private fun render(): String {
        headless()
        return PlotSvgExport.buildSvgImageFromRawSpecs(plot.toSpec(), DoubleVector(width.toDouble(), height.toDouble()), true)
    }

    companion object {
        const val DEFAULT_PNG_SCALE = 2.0

        private fun headless() {
            if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true")
        }
    }
}

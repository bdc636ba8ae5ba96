package io.rhmlab.kernel.plot

import org.apache.batik.transcoder.SVGAbstractTranscoder
import org.apache.batik.transcoder.TranscoderInput
import org.apache.batik.transcoder.TranscoderOutput
import org.apache.batik.transcoder.image.ImageTranscoder
import org.apache.batik.transcoder.image.PNGTranscoder
import org.jetbrains.letsPlot.awt.plot.PlotSvgExport
import org.jetbrains.letsPlot.commons.geometry.DoubleVector
import org.jetbrains.letsPlot.intern.toSpec
import java.awt.Color
import java.io.ByteArrayOutputStream
import java.io.StringReader
import java.nio.file.Files
import java.nio.file.Path
import java.util.Base64

/**
 * A figure as a value: a lets-plot specification rendered on the JVM, with no JavaScript, to SVG and to PNG
 * (batik on the SVG). It renders inline in a Kotlin notebook (the rhmlab integration shows PNG and SVG) and saves
 * from any JVM code:
 * ```
 * Figures.learningCurve(curve).save(Path.of("figures"), "cnn")     // figures/cnn.svg, figures/cnn.png
 * ```
 *
 * @param name   a file-friendly name, the default base name of [save]
 * @param width  width in CSS pixels (the PNG is [pngScale] times larger)
 * @param height height in CSS pixels
 */
class Figure internal constructor(
    private val plot: org.jetbrains.letsPlot.Figure,
    val name: String,
    val width: Int,
    val height: Int,
    /** A one-line description: what is plotted, for text outputs and alt texts. */
    val caption: String,
) {
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
    @JvmOverloads
    fun save(dir: Path, baseName: String = name): List<Path> =
        listOf(saveSvg(dir.resolve("$baseName.svg")), savePng(dir.resolve("$baseName.png")))

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

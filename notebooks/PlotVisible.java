import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** java PlotVisible.java shot.png MIN: exits 1 unless the screenshot holds at least MIN saturated (plotted) pixels. */
public class PlotVisible {
    public static void main(String[] a) throws Exception {
        BufferedImage img = ImageIO.read(new File(a[0]));
        int min = Integer.parseInt(a[1]), coloured = 0, nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y), r = p >> 16 & 255, g = p >> 8 & 255, b = p & 255;
                int hi = Math.max(r, Math.max(g, b)), lo = Math.min(r, Math.min(g, b));
                if (hi - lo > 60) coloured++;
                if (r + g + b < 700) nonWhite++;
            }
        System.out.printf("screenshot %dx%d: %d coloured (plot) pixels, %d non-white%n", img.getWidth(), img.getHeight(), coloured, nonWhite);
        if (coloured < min) { System.err.println("FAIL: the plot area is blank (" + coloured + " < " + min + " coloured pixels)"); System.exit(1); }
        System.out.println("OK: the plot is visible");
    }
}

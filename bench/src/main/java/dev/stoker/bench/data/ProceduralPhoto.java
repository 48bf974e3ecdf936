package dev.stoker.bench.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Draws a seeded image with the statistics of a camera picture rather than of a test card: smooth
 * lighting gradients, a few dozen overlapping objects with hard edges, each with its own colour,
 * shading and texture, and per-pixel sensor noise. What matters for decode speed is the entropy the
 * JPEG encoder has to code (the bits per pixel), and that follows from the texture and noise
 * amplitudes, which {@link DatasetRecipe} tunes per data set.
 *
 * <p>The same seed, size and amplitudes always give the same pixels, on every JDK.
 */
final class ProceduralPhoto {
  /** Side of the tileable texture table; a power of two. */
  private static final int TABLE = 512;

  private static final int MASK = TABLE - 1;

  private ProceduralPhoto() {}

  /**
   * Draws an image.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param gray one luminance channel ({@code TYPE_BYTE_GRAY}) instead of RGB ({@code
   *     TYPE_INT_RGB})
   * @param seed the seed
   * @param texture the texture amplitude, in levels
   * @param noise the sensor noise amplitude, in levels
   * @return the image
   */
  static BufferedImage draw(
      int width, int height, boolean gray, long seed, double texture, double noise) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] table = textureTable(random);
    int[] rgb = new int[width * height];
    // Background: a sky-to-ground gradient with a lighting tilt.
    Layer background = Layer.random(random, 0, 0, width, height, texture * 0.6);
    background.fill(rgb, width, height, table, random.nextLong(), noise, Shape.WHOLE);
    int objects = 20 + random.nextInt(20);
    for (int i = 0; i < objects; i++) {
      double scale = Math.sqrt((double) width * height) * (0.05 + 0.35 * random.nextDouble());
      int w = (int) Math.max(4, scale * (0.5 + random.nextDouble()));
      int h = (int) Math.max(4, scale * (0.5 + random.nextDouble()));
      int x = random.nextInt(Math.max(1, width - w / 2)) - w / 4;
      int y = random.nextInt(Math.max(1, height - h / 2)) - h / 4;
      Layer object = Layer.random(random, x, y, w, h, texture * (0.3 + random.nextDouble()));
      object.fill(
          rgb,
          width,
          height,
          table,
          random.nextLong(),
          noise,
          random.nextBoolean() ? Shape.ELLIPSE : Shape.RECTANGLE);
    }
    return gray ? toGray(rgb, width, height) : toRgb(rgb, width, height);
  }

  /** A smooth, tileable noise table in [-1, 1]: two octaves of bilinear value noise. */
  private static float[] textureTable(SplittableRandom random) {
    float[] table = new float[TABLE * TABLE];
    for (int cells : new int[] {32, 128}) {
      float weight = cells == 32 ? 0.6f : 0.4f;
      float[] grid = new float[cells * cells];
      for (int i = 0; i < grid.length; i++) {
        grid[i] = (float) (random.nextDouble() * 2 - 1);
      }
      int step = TABLE / cells;
      for (int y = 0; y < TABLE; y++) {
        int gy = y / step;
        float fy = (y % step) / (float) step;
        for (int x = 0; x < TABLE; x++) {
          int gx = x / step;
          float fx = (x % step) / (float) step;
          float a = grid[gy * cells + gx];
          float b = grid[gy * cells + (gx + 1) % cells];
          float c = grid[((gy + 1) % cells) * cells + gx];
          float d = grid[((gy + 1) % cells) * cells + (gx + 1) % cells];
          float top = a + (b - a) * fx;
          float bottom = c + (d - c) * fx;
          table[y * TABLE + x] += weight * (top + (bottom - top) * fy);
        }
      }
    }
    return table;
  }

  private enum Shape {
    WHOLE,
    RECTANGLE,
    ELLIPSE
  }

  /** A rectangle or ellipse with a colour gradient and a texture at its own scale. */
  private static final class Layer {
    private final int x;
    private final int y;
    private final int w;
    private final int h;
    private final double[] from;
    private final double[] to;
    private final double angle;
    private final double amplitude;
    private final int textureShift;
    private final int offsetX;
    private final int offsetY;

    private Layer(
        int x,
        int y,
        int w,
        int h,
        double[] from,
        double[] to,
        double angle,
        double amplitude,
        int textureShift,
        int offsetX,
        int offsetY) {
      this.x = x;
      this.y = y;
      this.w = w;
      this.h = h;
      this.from = from;
      this.to = to;
      this.angle = angle;
      this.amplitude = amplitude;
      this.textureShift = textureShift;
      this.offsetX = offsetX;
      this.offsetY = offsetY;
    }

    static Layer random(SplittableRandom r, int x, int y, int w, int h, double amplitude) {
      double[] from = new double[3];
      double[] to = new double[3];
      double base = 40 + r.nextDouble() * 170;
      for (int c = 0; c < 3; c++) {
        from[c] = clamp(base + (r.nextDouble() - 0.5) * 120);
        to[c] = clamp(from[c] + (r.nextDouble() - 0.5) * 140);
      }
      return new Layer(
          x,
          y,
          w,
          h,
          from,
          to,
          r.nextDouble() * Math.PI * 2,
          amplitude,
          r.nextInt(3),
          r.nextInt(TABLE),
          r.nextInt(TABLE));
    }

    /** Paints the layer into {@code rgb}, clipped to the image. */
    void fill(
        int[] rgb,
        int width,
        int height,
        float[] table,
        long noiseSeed,
        double noise,
        Shape shape) {
      int x0 = Math.max(0, x);
      int y0 = Math.max(0, y);
      int x1 = Math.min(width, x + w);
      int y1 = Math.min(height, y + h);
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      double span = Math.abs(w * cos) + Math.abs(h * sin);
      double cx = x + w / 2.0;
      double cy = y + h / 2.0;
      double rx = w / 2.0;
      double ry = h / 2.0;
      long state = noiseSeed | 1;
      double noiseScale = noise / 255.0;
      for (int py = y0; py < y1; py++) {
        double dy = (py - cy) / ry;
        int row = py * width;
        int ty = (((py + offsetY) << 1) >> textureShift) & MASK;
        for (int px = x0; px < x1; px++) {
          if (shape == Shape.ELLIPSE) {
            double dx = (px - cx) / rx;
            if (dx * dx + dy * dy > 1) {
              continue;
            }
          }
          double t = 0.5 + ((px - cx) * cos + (py - cy) * sin) / span;
          double shade =
              amplitude * table[ty * TABLE + ((((px + offsetX) << 1) >> textureShift) & MASK)];
          state ^= state << 13;
          state ^= state >>> 7;
          state ^= state << 17;
          // Triangular noise in [-noise, noise]: the sum of two uniform bytes.
          double n = (((state & 0xFF) + ((state >>> 8) & 0xFF)) - 255) * noiseScale;
          int r = channel(from[0] + (to[0] - from[0]) * t + shade + n);
          int g = channel(from[1] + (to[1] - from[1]) * t + shade * 0.9 + n);
          int b = channel(from[2] + (to[2] - from[2]) * t + shade * 0.8 + n);
          rgb[row + px] = (r << 16) | (g << 8) | b;
        }
      }
    }

    private static int channel(double v) {
      return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }

    private static double clamp(double v) {
      return Math.max(0, Math.min(255, v));
    }
  }

  private static BufferedImage toRgb(int[] rgb, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(rgb, 0, data, 0, rgb.length);
    return image;
  }

  private static BufferedImage toGray(int[] rgb, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      int luma = (77 * ((p >> 16) & 0xFF) + 150 * ((p >> 8) & 0xFF) + 29 * (p & 0xFF) + 128) >> 8;
      data[i] = (byte) luma;
    }
    return image;
  }
}

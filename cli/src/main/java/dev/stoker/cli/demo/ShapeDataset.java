package dev.stoker.cli.demo;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The demo's dataset: JPEGs of the {@link ShapeKind} classes, drawn with Java2D, one sub-folder per
 * class ({@code circle/circle-00000.jpg}, …).
 *
 * <p>Every image is a pure function of {@code (seed, class, index)}: a gradient background between
 * two random colours, up to two thin outlines of other shapes as clutter, then the class's shape,
 * filled in a colour that differs from the background in brightness by a random margin, at a random
 * radius (18–38% of the side), stretch, rotation and position, and finally pixel noise. The same
 * seed gives the same bytes on every run and every thread count.
 */
final class ShapeDataset {
  private static final float JPEG_QUALITY = 0.9f;

  private final int side;
  private final long seed;

  /**
   * Describes a dataset.
   *
   * @param side the images' width and height in pixels
   * @param seed the seed every image derives from
   */
  ShapeDataset(int side, long seed) {
    this.side = side;
    this.seed = seed;
  }

  /**
   * Writes {@code perClass} JPEGs of every class under {@code root}.
   *
   * @param root the folder that receives one sub-folder per class
   * @param perClass the images per class
   * @param workers the threads that draw and encode
   * @return the number of files written
   * @throws IOException when a file cannot be written
   * @throws InterruptedException when interrupted while waiting for the workers
   */
  long write(Path root, int perClass, int workers) throws IOException, InterruptedException {
    for (ShapeKind kind : ShapeKind.values()) {
      Files.createDirectories(root.resolve(kind.folder()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (ShapeKind kind : ShapeKind.values()) {
        int from = 0;
        int chunk = Math.max(1, perClass / workers);
        while (from < perClass) {
          int start = from;
          int end = Math.min(perClass, from + chunk);
          tasks.add(
              pool.submit(
                  () -> {
                    ImageWriter writer = jpegWriter();
                    try {
                      for (int i = start; i < end; i++) {
                        Path file = root.resolve(kind.folder()).resolve(fileName(kind, i));
                        Files.write(file, encode(draw(kind, i), writer));
                      }
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    } finally {
                      writer.dispose();
                    }
                  }));
          from = end;
        }
      }
      for (Future<?> task : tasks) {
        try {
          task.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UncheckedIOException io) {
            throw io.getCause();
          }
          throw new IllegalStateException("drawing a demo image failed", e.getCause());
        }
      }
      return (long) perClass * ShapeKind.values().length;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Returns the file name of one image.
   *
   * @param kind the class
   * @param index the image's index within its class
   * @return the name, such as {@code star-00042.jpg}
   */
  static String fileName(ShapeKind kind, int index) {
    return String.format("%s-%05d.jpg", kind.folder(), index);
  }

  /**
   * Draws and encodes one image.
   *
   * @param kind the class
   * @param index the image's index within its class
   * @return the JPEG bytes
   * @throws IOException when the JPEG writer fails
   */
  byte[] jpeg(ShapeKind kind, int index) throws IOException {
    ImageWriter writer = jpegWriter();
    try {
      return encode(draw(kind, index), writer);
    } finally {
      writer.dispose();
    }
  }

  /** Encodes with a writer that one thread reuses for many images. */
  private byte[] encode(BufferedImage image, ImageWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(side * side);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.setOutput(null);
    }
    return bytes.toByteArray();
  }

  /**
   * Returns a JPEG writer, preferring the JDK's own: the same bytes whatever plug-ins the class
   * path adds, and faster than a wrapper around it.
   */
  private static ImageWriter jpegWriter() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter first = writers.next();
    ImageWriter chosen = first;
    while (!isJdkWriter(chosen) && writers.hasNext()) {
      chosen = writers.next();
    }
    return isJdkWriter(chosen) ? chosen : first;
  }

  private static boolean isJdkWriter(ImageWriter writer) {
    return writer.getClass().getName().startsWith("com.sun.imageio.");
  }

  /**
   * Draws one image.
   *
   * @param kind the class
   * @param index the image's index within its class
   * @return an RGB image of {@code side × side}
   */
  BufferedImage draw(ShapeKind kind, int index) {
    SplittableRandom random = new SplittableRandom(mix(seed, kind.folder().hashCode(), index));
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float backgroundBrightness = (float) random.nextDouble(0.1, 0.9);
      Color from = color(random, backgroundBrightness);
      Color to = color(random, clamp(backgroundBrightness + random.nextDouble(-0.15, 0.15)));
      g.setPaint(
          new GradientPaint(
              (float) random.nextDouble(side),
              (float) random.nextDouble(side),
              from,
              (float) random.nextDouble(side),
              (float) random.nextDouble(side),
              to));
      g.fillRect(0, 0, side, side);

      int clutter = random.nextInt(3);
      ShapeKind[] kinds = ShapeKind.values();
      for (int c = 0; c < clutter; c++) {
        ShapeKind other = kinds[random.nextInt(kinds.length)];
        AffineTransform saved = g.getTransform();
        g.translate(random.nextDouble(side), random.nextDouble(side));
        g.rotate(random.nextDouble(2 * Math.PI));
        g.scale(side * random.nextDouble(0.06, 0.14), side * random.nextDouble(0.06, 0.14));
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
        g.setColor(color(random, (float) random.nextDouble(0.1, 0.9)));
        other.sketch(g);
        g.setComposite(AlphaComposite.SrcOver);
        g.setTransform(saved);
      }

      double margin = random.nextDouble(0.25, 0.6) * (random.nextBoolean() ? 1 : -1);
      float shapeBrightness = clamp(backgroundBrightness + margin);
      if (Math.abs(shapeBrightness - backgroundBrightness) < 0.2) {
        shapeBrightness = clamp(backgroundBrightness - margin);
      }
      double radius = side * random.nextDouble(0.18, 0.38);
      double stretch = random.nextDouble(0.85, 1.15);
      double cx = random.nextDouble(radius, side - radius);
      double cy = random.nextDouble(radius, side - radius);
      AffineTransform saved = g.getTransform();
      g.translate(cx, cy);
      g.rotate(random.nextDouble(2 * Math.PI));
      g.scale(radius * stretch, radius / stretch);
      g.setColor(color(random, shapeBrightness));
      g.fill(kind.outline());
      g.setTransform(saved);
    } finally {
      g.dispose();
    }
    addNoise(image, random);
    return image;
  }

  private void addNoise(BufferedImage image, SplittableRandom random) {
    int amplitude = random.nextInt(4, 20);
    int[] rgb = image.getRGB(0, 0, side, side, null, 0, side);
    for (int i = 0; i < rgb.length; i++) {
      int r = channel(rgb[i] >> 16, random, amplitude);
      int gr = channel(rgb[i] >> 8, random, amplitude);
      int b = channel(rgb[i], random, amplitude);
      rgb[i] = (r << 16) | (gr << 8) | b;
    }
    image.setRGB(0, 0, side, side, rgb, 0, side);
  }

  private static int channel(int packed, SplittableRandom random, int amplitude) {
    int v = (packed & 0xff) + random.nextInt(-amplitude, amplitude + 1);
    return Math.clamp(v, 0, 255);
  }

  private static Color color(SplittableRandom random, float brightness) {
    return Color.getHSBColor(
        (float) random.nextDouble(), (float) random.nextDouble(0.2, 1.0), brightness);
  }

  private static float clamp(double brightness) {
    return (float) Math.clamp(brightness, 0.05, 0.95);
  }

  /** A well-mixed 64-bit seed from three values (the SplitMix64 finaliser over a combination). */
  private static long mix(long seed, int kind, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + ((long) kind << 32) + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

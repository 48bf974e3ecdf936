package dev.stoker.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small JPEGs drawn and written with the JDK's ImageIO. */
final class Fixtures {
  private Fixtures() {}

  /** A gradient with a coloured block, so every image differs. */
  static BufferedImage image(int width, int height, int seed) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(
            x,
            y,
            ((x * 7 + seed * 31) & 0xff) << 16
                | ((y * 5 + seed * 17) & 0xff) << 8
                | (seed * 53 & 0xff));
      }
    }
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(seed * 97 & 0xff, seed * 13 & 0xff, 255 - (seed * 41 & 0xff)));
    g.fillRect(
        seed % Math.max(1, width / 2), seed % Math.max(1, height / 2), width / 3, height / 3);
    g.dispose();
    return img;
  }

  static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Writes {@code perClass} JPEGs into each of {@code classes} folders under {@code root}. */
  static void classFolders(Path root, int classes, int perClass) throws IOException {
    for (int c = 0; c < classes; c++) {
      Path dir = Files.createDirectories(root.resolve("class-" + (char) ('a' + c)));
      for (int i = 0; i < perClass; i++) {
        int seed = c * 100 + i;
        Files.write(
            dir.resolve(String.format("img-%02d.jpg", i)),
            jpeg(image(24 + i, 16 + c, seed), false));
      }
    }
  }

  /** Tells whether a JPEG has a progressive frame header (SOF2). */
  static boolean progressive(byte[] jpeg) {
    for (int i = 2; i + 3 < jpeg.length; ) {
      if ((jpeg[i] & 0xff) != 0xff) {
        return false;
      }
      int marker = jpeg[i + 1] & 0xff;
      if (marker == 0xc2) {
        return true;
      }
      if (marker == 0xc0 || marker == 0xc1 || marker == 0xda) {
        return false;
      }
      int len = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
      i += 2 + len;
    }
    return false;
  }
}

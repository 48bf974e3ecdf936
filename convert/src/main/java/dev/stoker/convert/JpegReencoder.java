package dev.stoker.convert;

import dev.stoker.decode.resize.PixelBuffer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Shrinks a decoded image so its longer side is {@code maxSide} and encodes it as a JPEG of a given
 * quality. The shrink halves the image with bilinear filtering while it is more than twice too
 * large (each halving averages 2×2 blocks), then finishes with one bilinear step, so no source
 * pixel is skipped. Thread-safe (stateless; each call uses its own ImageIO writer).
 */
final class JpegReencoder {
  /** A re-encoded image and its size. */
  @SuppressWarnings("ArrayRecordComponent") // handed over, never compared
  record Result(byte[] jpeg, int width, int height) {}

  private JpegReencoder() {}

  static Result reencode(PixelBuffer pixels, int maxSide, int quality) throws IOException {
    int w = pixels.width();
    int h = pixels.height();
    int longer = Math.max(w, h);
    int tw = w >= h ? maxSide : Math.max(1, (int) Math.round((double) w * maxSide / longer));
    int th = h > w ? maxSide : Math.max(1, (int) Math.round((double) h * maxSide / longer));
    BufferedImage image = toImage(pixels);
    while (image.getWidth() / 2 >= tw && image.getHeight() / 2 >= th) {
      image = scale(image, image.getWidth() / 2, image.getHeight() / 2);
    }
    if (image.getWidth() != tw || image.getHeight() != th) {
      image = scale(image, tw, th);
    }
    return new Result(write(image, quality), tw, th);
  }

  private static BufferedImage toImage(PixelBuffer p) {
    BufferedImage image = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_RGB);
    int[] row = new int[p.width()];
    for (int y = 0; y < p.height(); y++) {
      long base = y * p.rowStride();
      for (int x = 0; x < p.width(); x++) {
        long at = base + (long) x * p.channels();
        int r = p.segment().get(ValueLayout.JAVA_BYTE, at) & 0xff;
        int g = p.channels() == 3 ? p.segment().get(ValueLayout.JAVA_BYTE, at + 1) & 0xff : r;
        int b = p.channels() == 3 ? p.segment().get(ValueLayout.JAVA_BYTE, at + 2) & 0xff : r;
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, p.width(), 1, row, 0, p.width());
    }
    return image;
  }

  private static BufferedImage scale(BufferedImage src, int w, int h) {
    BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return dst;
  }

  private static byte[] write(BufferedImage image, int quality) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no ImageIO JPEG writer on the class path");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}

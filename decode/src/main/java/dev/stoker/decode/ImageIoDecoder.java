package dev.stoker.decode;

import dev.stoker.core.Checks;
import dev.stoker.decode.resize.PixelBuffer;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG, PNG, GIF and BMP with Java ImageIO and the TwelveMonkeys plugins: the portable
 * fallback when libjpeg-turbo is missing, and the decoder for what TurboJPEG does not take (CMYK
 * and YCCK JPEGs, with their colour profiles; PNG; GIF; BMP).
 *
 * <p>Pixels are read from the decoded image's raster, in the colour model's own terms, never
 * through {@code BufferedImage.getRGB()}: for a grayscale image that path converts from linear gray
 * to sRGB and is off by up to 73 levels. On baseline YCbCr and grayscale JPEGs the result is
 * bit-identical to {@link TurboJpegDecoder}. Palette images are expanded through their palette,
 * 16-bit samples rounded to 8 bits, alpha dropped. Asked for one channel, a colour image gives its
 * luma, {@code (19595 R + 38470 G + 7471 B + 32768) >> 16} (the JFIF weights; libjpeg-turbo's Y may
 * differ by a level).
 *
 * <p>Only full-size decoding is offered ({@link DctScale#FULL}). Construction calls {@code
 * ImageIO.setUseCache(false)}, a JVM-wide setting, so that decoding never writes temporary files.
 * Warnings reported by the reader are errors under {@link DecodeOptions#strict()}. Any failure of
 * the underlying reader on bad data, checked or not, becomes an {@link ImageDecodeException}.
 *
 * <p><b>Ownership and threading.</b> A decoder keeps one ImageIO reader per format and reusable
 * heap buffers; it is not thread-safe, so give each worker thread its own. It holds no native
 * memory. {@link #close()} disposes the readers; it is idempotent, and the decoder throws {@link
 * IllegalStateException} afterwards. Each decode allocates the {@link BufferedImage} ImageIO
 * returns: this is the slow path.
 */
public final class ImageIoDecoder implements ImageDecoder {
  private static final Set<DctScale> SCALES = Set.of(DctScale.FULL);

  private final DecodeOptions options;
  private final Map<ImageFormat, ImageReader> readers = new EnumMap<>(ImageFormat.class);
  private final List<String> warnings = new ArrayList<>();
  private final IIOReadWarningListener warningListener = (reader, warning) -> warnings.add(warning);
  private byte[] encodedCopy = new byte[0];
  private int[] samples = new int[0];
  private byte[] rowBytes = new byte[0];
  private boolean closed;

  /**
   * Creates a decoder.
   *
   * @param options the pixel limit and strictness
   */
  public ImageIoDecoder(DecodeOptions options) {
    this.options = options;
    ImageIO.setUseCache(false);
  }

  @Override
  public String name() {
    return "imageio";
  }

  @Override
  public boolean canDecode(ImageInfo info) {
    return info.format() != ImageFormat.UNKNOWN;
  }

  @Override
  public Set<DctScale> scales(ImageInfo info) {
    return SCALES;
  }

  @Override
  public ImageInfo probe(MemorySegment encoded) {
    ensureOpen();
    ImageFormat format = ImageFormat.sniff(encoded);
    if (format == ImageFormat.JPEG) {
      ImageInfo info = JpegHeader.parse(encoded);
      options.checkPixels(info.width(), info.height());
      return info;
    }
    ImageReader reader = open(format, encoded);
    ImageInfo info;
    try {
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      Iterator<javax.imageio.ImageTypeSpecifier> types = reader.getImageTypes(0);
      int components = types.hasNext() ? types.next().getColorModel().getNumColorComponents() : 3;
      info = new ImageInfo(format, width, height, components, false, ChromaSubsampling.OTHER);
    } catch (IOException | RuntimeException e) {
      throw corrupt(format, e);
    } finally {
      reader.setInput(null);
    }
    options.checkPixels(info.width(), info.height());
    return info;
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride) {
    ensureOpen();
    Checks.require(channels == 1 || channels == 3, "channels", channels, "1 or 3");
    Checks.require(scale == DctScale.FULL, "scale", scale, "FULL (ImageIO decodes at full size)");
    ImageFormat format = ImageFormat.sniff(encoded);
    ImageReader reader = open(format, encoded);
    try {
      int width;
      int height;
      try {
        width = reader.getWidth(0);
        height = reader.getHeight(0);
      } catch (IOException | RuntimeException e) {
        throw corrupt(format, e);
      }
      if (width <= 0 || height <= 0) {
        throw new ImageDecodeException(
            ImageDecodeException.Reason.CORRUPT,
            format + " header size " + width + "×" + height + " (expected: both > 0)");
      }
      options.checkPixels(width, height);
      long row = (long) width * channels;
      Checks.require(rowStride >= row, "rowStride", rowStride, ">= " + row + " for width " + width);
      long needed = (height - 1) * rowStride + row;
      Checks.require(
          target.byteSize() >= needed,
          "target.byteSize",
          target.byteSize(),
          ">= " + needed + " for " + width + "×" + height + "×" + channels);
      warnings.clear();
      BufferedImage image;
      try {
        image = reader.read(0);
      } catch (IOException | RuntimeException e) {
        throw corrupt(format, e);
      }
      if (options.strict() && !warnings.isEmpty()) {
        throw new ImageDecodeException(
            ImageDecodeException.Reason.WARNING, format + ": " + String.join("; ", warnings));
      }
      if (image.getWidth() != width || image.getHeight() != height) {
        throw new ImageDecodeException(
            ImageDecodeException.Reason.CORRUPT,
            format
                + " decoded "
                + image.getWidth()
                + "×"
                + image.getHeight()
                + ", header said "
                + width
                + "×"
                + height);
      }
      store(image, channels, target, rowStride);
      return new PixelBuffer(target, width, height, channels, rowStride);
    } finally {
      reader.setInput(null);
    }
  }

  private ImageReader open(ImageFormat format, MemorySegment encoded) {
    if (format == ImageFormat.UNKNOWN) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED,
          "unrecognised image format (expected: JPEG, PNG, GIF or BMP magic bytes at offset 0)");
    }
    ImageReader reader = readers.get(format);
    if (reader == null) {
      Iterator<ImageReader> found =
          ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
      if (!found.hasNext()) {
        throw new ImageDecodeException(
            ImageDecodeException.Reason.UNSUPPORTED, "no ImageIO reader for " + format);
      }
      reader = found.next();
      reader.addIIOReadWarningListener(warningListener);
      readers.put(format, reader);
    }
    long size = encoded.byteSize();
    Checks.require(size <= Integer.MAX_VALUE - 8, "encoded.byteSize", size, "< 2 GiB");
    if (encodedCopy.length < size) {
      encodedCopy = new byte[(int) size];
    }
    MemorySegment.copy(encoded, ValueLayout.JAVA_BYTE, 0, encodedCopy, 0, (int) size);
    ImageInputStream stream =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(encodedCopy, 0, (int) size));
    reader.setInput(stream, true, true);
    return reader;
  }

  private void store(BufferedImage image, int channels, MemorySegment target, long rowStride) {
    int width = image.getWidth();
    int height = image.getHeight();
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    int bands = raster.getNumBands();
    if (samples.length < width * bands) {
      samples = new int[width * bands];
    }
    if (rowBytes.length < width * 3) {
      rowBytes = new byte[width * 3];
    }
    boolean indexed = cm instanceof IndexColorModel;
    int colourType = cm.getColorSpace().getType();
    boolean gray = !indexed && cm.getNumColorComponents() == 1;
    boolean rgb = !indexed && colourType == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3;
    int[] argb = indexed || gray || rgb ? null : new int[width];
    for (int y = 0; y < height; y++) {
      if (argb != null) {
        image.getRGB(0, y, width, 1, argb, 0, width);
      } else {
        raster.getPixels(0, y, width, 1, samples);
      }
      for (int x = 0; x < width; x++) {
        int r;
        int g;
        int b;
        if (argb != null) {
          r = (argb[x] >> 16) & 0xff;
          g = (argb[x] >> 8) & 0xff;
          b = argb[x] & 0xff;
        } else if (indexed) {
          IndexColorModel icm = (IndexColorModel) cm;
          int index = samples[x * bands];
          r = icm.getRed(index);
          g = icm.getGreen(index);
          b = icm.getBlue(index);
        } else if (gray) {
          r = to8(samples[x * bands], cm.getComponentSize(0));
          g = r;
          b = r;
        } else {
          r = to8(samples[x * bands], cm.getComponentSize(0));
          g = to8(samples[x * bands + 1], cm.getComponentSize(1));
          b = to8(samples[x * bands + 2], cm.getComponentSize(2));
        }
        if (channels == 3) {
          rowBytes[3 * x] = (byte) r;
          rowBytes[3 * x + 1] = (byte) g;
          rowBytes[3 * x + 2] = (byte) b;
        } else {
          rowBytes[x] =
              (byte) (r == g && g == b ? r : (19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
        }
      }
      MemorySegment.copy(
          rowBytes, 0, target, ValueLayout.JAVA_BYTE, y * rowStride, width * channels);
    }
  }

  private static int to8(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    int max = (1 << bits) - 1;
    return (sample * 255 + max / 2) / max;
  }

  private static ImageDecodeException corrupt(ImageFormat format, Exception e) {
    return new ImageDecodeException(
        ImageDecodeException.Reason.CORRUPT, format + " could not be read: " + e, e);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("ImageIoDecoder is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ImageReader reader : readers.values()) {
      reader.dispose();
    }
    readers.clear();
  }
}

package dev.stoker.decode;

import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A decoder that sends each image to the right one: one- and three-component JPEGs to a fast JPEG
 * decoder when there is one (TurboJPEG, or TensorFlow's {@code DecodeJpeg} from the TensorFlow
 * module), everything else (CMYK and YCCK JPEGs, PNG, GIF, BMP) to {@link ImageIoDecoder}. Each is
 * created on first need. JPEG headers are probed in Java, without either decoder.
 *
 * <p><b>Ownership and threading.</b> Same contract as the decoders it owns: one thread at a time;
 * {@link #close()} closes them, and is idempotent.
 */
public final class RoutingDecoder implements ImageDecoder {
  private final DecodeOptions options;
  private final String name;
  private final @Nullable Supplier<? extends ImageDecoder> jpegFactory;
  private @Nullable ImageDecoder jpeg;
  private @Nullable ImageIoDecoder imageIo;
  private boolean closed;

  private RoutingDecoder(
      DecodeOptions options, String name, @Nullable Supplier<? extends ImageDecoder> jpegFactory) {
    this.options = options;
    this.name = name;
    this.jpegFactory = jpegFactory;
  }

  /**
   * Returns a decoder that routes JPEGs to {@code jpeg} and the rest to ImageIO.
   *
   * @param options the limits for ImageIO; {@code jpeg} applies its own
   * @param jpegName the JPEG decoder's name, for {@link #name()}
   * @param jpeg creates the JPEG decoder on the first JPEG; the router owns and closes it
   * @return the decoder, owned by the caller
   */
  public static RoutingDecoder jpegFirst(
      DecodeOptions options, String jpegName, Supplier<? extends ImageDecoder> jpeg) {
    return new RoutingDecoder(options, jpegName + "+imageio", jpeg);
  }

  /**
   * Returns a decoder that sends everything to ImageIO.
   *
   * @param options the limits
   * @return the decoder, owned by the caller
   */
  public static RoutingDecoder imageIoOnly(DecodeOptions options) {
    return new RoutingDecoder(options, "imageio", null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean canDecode(ImageInfo info) {
    return info.format() != ImageFormat.UNKNOWN;
  }

  @Override
  public Set<DctScale> scales(ImageInfo info) {
    return pick(info).scales(info);
  }

  @Override
  public ImageInfo probe(MemorySegment encoded) {
    ensureOpen();
    if (ImageFormat.sniff(encoded) == ImageFormat.JPEG) {
      ImageInfo info = JpegHeader.parse(encoded);
      options.checkPixels(info.width(), info.height());
      return info;
    }
    return imageIo().probe(encoded);
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride) {
    ensureOpen();
    ImageDecoder decoder =
        ImageFormat.sniff(encoded) == ImageFormat.JPEG
            ? pick(JpegHeader.parse(encoded))
            : imageIo();
    return decoder.decode(encoded, scale, channels, target, rowStride);
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded,
      ImageInfo info,
      DctScale scale,
      int channels,
      MemorySegment target,
      long rowStride) {
    ensureOpen();
    return pick(info).decode(encoded, info, scale, channels, target, rowStride);
  }

  private ImageDecoder pick(ImageInfo info) {
    Supplier<? extends ImageDecoder> factory = jpegFactory;
    if (factory != null && info.format() == ImageFormat.JPEG && info.components() != 4) {
      ImageDecoder j = jpeg;
      if (j == null) {
        j = factory.get();
        jpeg = j;
      }
      return j;
    }
    return imageIo();
  }

  private ImageIoDecoder imageIo() {
    ImageIoDecoder d = imageIo;
    if (d == null) {
      d = new ImageIoDecoder(options);
      imageIo = d;
    }
    return d;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("decoder is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (jpeg != null) {
        jpeg.close();
      }
    } finally {
      if (imageIo != null) {
        imageIo.close();
      }
    }
  }
}

package dev.stoker.decode;

import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The decoder {@link ImageDecoders#create} returns: sends each image to TurboJPEG when that can
 * take it, else to ImageIO, creating each on first need. Same threading contract as the decoders it
 * owns: one thread at a time; {@link #close()} closes them.
 */
final class RoutingDecoder implements ImageDecoder {
  private final DecodeOptions options;
  private final boolean turboAvailable;
  private @Nullable TurboJpegDecoder turbo;
  private @Nullable ImageIoDecoder imageIo;
  private boolean closed;

  RoutingDecoder(DecodeOptions options, boolean turboAvailable) {
    this.options = options;
    this.turboAvailable = turboAvailable;
  }

  @Override
  public String name() {
    return turboAvailable ? "turbojpeg+imageio" : "imageio";
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
      return JpegHeader.parse(encoded);
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

  private ImageDecoder pick(ImageInfo info) {
    if (turboAvailable && info.format() == ImageFormat.JPEG && info.components() != 4) {
      TurboJpegDecoder t = turbo;
      if (t == null) {
        t = TurboJpegDecoder.create(options);
        turbo = t;
      }
      return t;
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
      if (turbo != null) {
        turbo.close();
      }
    } finally {
      if (imageIo != null) {
        imageIo.close();
      }
    }
  }
}

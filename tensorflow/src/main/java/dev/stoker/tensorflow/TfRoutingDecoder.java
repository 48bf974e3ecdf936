package dev.stoker.tensorflow;

import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageFormat;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.ImageIoDecoder;
import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The decoder {@link TensorDecoders#create} returns when libturbojpeg is absent: one- and
 * three-component JPEGs go to {@link TfDecodeJpegDecoder}, everything else (CMYK and YCCK JPEGs,
 * PNG, GIF, BMP) to {@link ImageIoDecoder}, each created on first need. One thread at a time;
 * {@link #close()} closes both.
 */
final class TfRoutingDecoder implements ImageDecoder {
  private final DecodeOptions options;
  private final ImageIoDecoder imageIo;
  private @Nullable TfDecodeJpegDecoder tensorflow;
  private boolean closed;

  TfRoutingDecoder(DecodeOptions options) {
    this.options = options;
    this.imageIo = new ImageIoDecoder(options);
  }

  @Override
  public String name() {
    return "tensorflow-decodejpeg+imageio";
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
    return imageIo.probe(encoded);
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride) {
    ensureOpen();
    return pick(imageIo.probe(encoded)).decode(encoded, scale, channels, target, rowStride);
  }

  private ImageDecoder pick(ImageInfo info) {
    if (info.format() != ImageFormat.JPEG || info.components() == 4) {
      return imageIo;
    }
    TfDecodeJpegDecoder t = tensorflow;
    if (t == null) {
      t = TfDecodeJpegDecoder.create(options);
      tensorflow = t;
    }
    return t;
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
      if (tensorflow != null) {
        tensorflow.close();
      }
    } finally {
      imageIo.close();
    }
  }
}

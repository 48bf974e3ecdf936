package dev.stoker.convert;

import dev.stoker.decode.ImageDecodeException;
import java.io.IOException;

/** {@code --baseline} through decode's libjpeg-turbo transform. */
final class TurboJpegTransformer implements JpegTransformer {
  private TurboJpegTransformer() {}

  /**
   * Returns the transformer, or fails with the reason libturbojpeg cannot be used.
   *
   * @throws IOException when libturbojpeg is not available
   */
  static JpegTransformer open() throws IOException {
    if (!dev.stoker.decode.TurboJpegTransformer.isAvailable()) {
      throw new IOException(
          "--baseline needs libjpeg-turbo (libturbojpeg.so.0, Debian package libturbojpeg0): "
              + dev.stoker.decode.TurboJpegTransformer.unavailableReason().orElse("not loaded"));
    }
    return new TurboJpegTransformer();
  }

  @Override
  public byte[] toBaseline(byte[] jpeg) throws IOException {
    try {
      return dev.stoker.decode.TurboJpegTransformer.toBaseline(jpeg);
    } catch (ImageDecodeException e) {
      throw new IOException("baseline: " + e.getMessage(), e);
    }
  }
}

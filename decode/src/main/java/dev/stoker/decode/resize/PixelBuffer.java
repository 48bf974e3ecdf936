package dev.stoker.decode.resize;

import dev.stoker.core.Checks;
import java.lang.foreign.MemorySegment;

/**
 * A view of an 8-bit image in memory, rows top to bottom, each row {@code width × channels} bytes
 * of interleaved samples (HWC): RGB when {@code channels == 3}, gray when {@code channels == 1}.
 * Rows may be padded: row {@code y} starts at byte {@code y × rowStride} of the segment.
 *
 * <p>This is what a decoder writes and what the {@link Resizer} reads. The view owns nothing: the
 * segment belongs to whoever allocated it, and must stay alive while the view is used.
 *
 * @param segment the pixels, starting with the first byte of row 0
 * @param width the width in pixels
 * @param height the height in pixels
 * @param channels 1 (gray) or 3 (RGB)
 * @param rowStride the distance in bytes between the starts of two rows, at least {@code width ×
 *     channels}
 */
public record PixelBuffer(
    MemorySegment segment, int width, int height, int channels, long rowStride) {

  /**
   * Validates the geometry against the segment.
   *
   * @throws IllegalArgumentException when a dimension is not positive, the channel count is not 1
   *     or 3, the stride is shorter than a row, or the segment is too small for the image
   */
  public PixelBuffer {
    Checks.positive("width", width);
    Checks.positive("height", height);
    Checks.require(channels == 1 || channels == 3, "channels", channels, "1 or 3");
    long rowBytes = (long) width * channels;
    // One buffer per decoded image: the messages are built only when a check fails.
    if (rowStride < rowBytes) {
      throw new IllegalArgumentException(
          Checks.message("rowStride", rowStride, ">= width×channels = " + rowBytes));
    }
    long needed = (height - 1) * rowStride + rowBytes;
    if (segment.byteSize() < needed) {
      throw new IllegalArgumentException(
          Checks.message(
              "segment.byteSize",
              segment.byteSize(),
              ">= " + needed + " for " + width + "×" + height + "×" + channels));
    }
  }

  /**
   * Views a segment holding rows with no padding.
   *
   * @param segment the pixels
   * @param width the width in pixels
   * @param height the height in pixels
   * @param channels 1 (gray) or 3 (RGB)
   * @return a view with {@code rowStride == width × channels}
   */
  public static PixelBuffer packed(MemorySegment segment, int width, int height, int channels) {
    return new PixelBuffer(segment, width, height, channels, (long) width * channels);
  }

  /**
   * Returns the bytes one row of pixels occupies, without padding.
   *
   * @return {@code width × channels}
   */
  public int rowBytes() {
    return width * channels;
  }
}

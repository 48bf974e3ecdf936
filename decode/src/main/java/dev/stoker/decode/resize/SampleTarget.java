package dev.stoker.decode.resize;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.Checks;
import dev.stoker.core.ElementType;
import java.lang.foreign.MemorySegment;

/**
 * Where the {@link Resizer} writes one output image: a region of a segment addressed by byte
 * strides, so that one type covers a sample of an NHWC or NCHW batch slab, a standalone image, or
 * any other dense or strided layout.
 *
 * <pre>
 * byte offset of value (y, x, c) = offset + y·rowStride + x·pixelStride + c·channelStride
 * </pre>
 *
 * <p>{@link #of(MemorySegment, BatchLayout, int)} builds the target for sample {@code i} of a batch
 * slab. The target owns nothing; the segment must stay alive while the resizer writes.
 *
 * @param segment the memory written into
 * @param offset the byte offset of value {@code (0, 0, 0)}
 * @param width the output width in pixels
 * @param height the output height in pixels
 * @param channels 1 (gray) or 3 (RGB)
 * @param elementType {@link ElementType#UINT8} or {@link ElementType#FLOAT32} (little-endian)
 * @param rowStride bytes between vertically adjacent values of one channel, not negative
 * @param pixelStride bytes between horizontally adjacent values of one channel, not negative
 * @param channelStride bytes between two channels of one pixel, not negative
 */
public record SampleTarget(
    MemorySegment segment,
    long offset,
    int width,
    int height,
    int channels,
    ElementType elementType,
    long rowStride,
    long pixelStride,
    long channelStride) {

  /**
   * Validates the geometry against the segment.
   *
   * @throws IllegalArgumentException when a dimension or stride is out of range, the element type
   *     is neither UINT8 nor FLOAT32, or the last value would lie outside the segment
   */
  public SampleTarget {
    Checks.require(offset >= 0, "offset", offset, ">= 0");
    Checks.positive("width", width);
    Checks.positive("height", height);
    Checks.require(channels == 1 || channels == 3, "channels", channels, "1 or 3");
    Checks.require(
        elementType == ElementType.UINT8 || elementType == ElementType.FLOAT32,
        "elementType",
        elementType,
        "UINT8 or FLOAT32");
    Checks.require(rowStride >= 0, "rowStride", rowStride, ">= 0");
    Checks.require(pixelStride >= 0, "pixelStride", pixelStride, ">= 0");
    Checks.require(channelStride >= 0, "channelStride", channelStride, ">= 0");
    long last =
        offset
            + (height - 1) * rowStride
            + (width - 1) * pixelStride
            + (channels - 1) * channelStride
            + elementType.byteSize();
    if (last > segment.byteSize() || last <= 0) { // built per sample: no message unless it fails
      throw new IllegalArgumentException(
          Checks.message(
              "segment.byteSize",
              segment.byteSize(),
              ">= " + last + " for the last value of the target"));
    }
  }

  /**
   * Returns the target for sample {@code sample} of a batch slab laid out as {@code layout}.
   *
   * @param slab the batch slab
   * @param layout the slab's layout (NHWC or NCHW, UINT8 or FLOAT32)
   * @param sample the sample index in {@code [0, layout.batch())}
   * @return the sample's target
   * @throws IllegalArgumentException when the slab is smaller than the layout or the element type
   *     is not supported
   * @throws IndexOutOfBoundsException when {@code sample} is outside the batch
   */
  public static SampleTarget of(MemorySegment slab, BatchLayout layout, int sample) {
    return new SampleTarget(
        slab,
        layout.offset(sample),
        layout.width(),
        layout.height(),
        layout.channels(),
        layout.elementType(),
        layout.rowStride(),
        layout.pixelStride(),
        layout.channelStride());
  }
}

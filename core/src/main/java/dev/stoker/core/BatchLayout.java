package dev.stoker.core;

import java.util.Objects;

/**
 * Descriptor of how a batch of images lies in memory: its shape, element type, channel order, and
 * the byte arithmetic that every writer and reader of a batch slab shares.
 *
 * <pre>
 * NHWC, batch B, height H, width W, channels C, element size E:
 *
 *   sample 0                         sample 1
 *   ┌─────────────────────────────┐  ┌──────────
 *   │ row 0: px0[c0 c1 c2] px1[…] │  │ …
 *   │ row 1: …                    │  │
 *   └─────────────────────────────┘  └──────────
 *   offset(i, y, x, c) = i·(H·W·C·E) + y·(W·C·E) + x·(C·E) + c·E
 *
 * NCHW: each channel is a plane of H·W values:
 *   offset(i, y, x, c) = i·(C·H·W·E) + c·(H·W·E) + y·(W·E) + x·E
 * </pre>
 *
 * <p>Samples are packed with no padding between them, so a batch slab has exactly the shape and
 * strides TensorFlow expects of a dense tensor, and a slab can be a tensor's own memory.
 *
 * @param batch the number of samples, {@code B}
 * @param height the image height in pixels, {@code H}
 * @param width the image width in pixels, {@code W}
 * @param channels the channels per pixel, {@code C}: 1 for gray, 3 for RGB
 * @param elementType the type of one value
 * @param order where the channel dimension sits
 */
public record BatchLayout(
    int batch, int height, int width, int channels, ElementType elementType, ChannelOrder order) {

  /** The largest batch slab this descriptor accepts: 2 GiB minus one, one Java array's worth. */
  public static final long MAX_BYTES = Integer.MAX_VALUE;

  /**
   * Validates the shape.
   *
   * @throws IllegalArgumentException when a dimension is not positive, or the batch exceeds {@link
   *     #MAX_BYTES}
   */
  public BatchLayout {
    Checks.positive("batch", batch);
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.inRange("channels", channels, 1, 4);
    if (elementType == null || order == null) {
      throw new IllegalArgumentException(
          Checks.message("elementType/order", elementType + "/" + order, "non-null"));
    }
    long bytes = (long) batch * height * width * channels * elementType.byteSize();
    Checks.require(
        bytes <= MAX_BYTES,
        "batch×height×width×channels×elementSize",
        bytes,
        "<= " + MAX_BYTES + " bytes");
  }

  /**
   * Returns the layout of a single image with the same geometry: a batch of one.
   *
   * @return this layout with {@code batch == 1}
   */
  public BatchLayout single() {
    return new BatchLayout(1, height, width, channels, elementType, order);
  }

  /**
   * Returns the number of values in one sample.
   *
   * @return {@code H·W·C}
   */
  public long sampleElements() {
    return (long) height * width * channels;
  }

  /**
   * Returns the bytes one sample occupies.
   *
   * @return {@code H·W·C·E}
   */
  public long sampleBytes() {
    return sampleElements() * elementType.byteSize();
  }

  /**
   * Returns the bytes the whole batch occupies.
   *
   * @return {@code B·H·W·C·E}
   */
  public long byteSize() {
    return sampleBytes() * batch;
  }

  /**
   * Returns the tensor shape in this layout's dimension order.
   *
   * @return {@code [B, H, W, C]} for NHWC, {@code [B, C, H, W]} for NCHW
   */
  public long[] shape() {
    return order == ChannelOrder.NHWC
        ? new long[] {batch, height, width, channels}
        : new long[] {batch, channels, height, width};
  }

  /**
   * Returns the distance in bytes between vertically adjacent pixels of one channel.
   *
   * @return the row stride
   */
  public long rowStride() {
    return order == ChannelOrder.NHWC
        ? (long) width * channels * elementType.byteSize()
        : (long) width * elementType.byteSize();
  }

  /**
   * Returns the distance in bytes between horizontally adjacent pixels of one channel.
   *
   * @return the pixel stride
   */
  public long pixelStride() {
    return order == ChannelOrder.NHWC
        ? (long) channels * elementType.byteSize()
        : elementType.byteSize();
  }

  /**
   * Returns the distance in bytes between two channels of one pixel.
   *
   * @return the channel stride
   */
  public long channelStride() {
    return order == ChannelOrder.NHWC
        ? elementType.byteSize()
        : (long) height * width * elementType.byteSize();
  }

  /**
   * Returns where sample {@code i} starts.
   *
   * @param i the sample index
   * @return the byte offset of the sample's first value
   * @throws IndexOutOfBoundsException when {@code i} is outside {@code [0, batch)}
   */
  public long offset(int i) {
    if (i < 0 || i >= batch) {
      throw new IndexOutOfBoundsException(Checks.message("sample", i, "in [0, " + batch + ")"));
    }
    return i * sampleBytes();
  }

  /**
   * Returns where one value lies.
   *
   * @param i the sample index
   * @param y the row
   * @param x the column
   * @param c the channel
   * @return the byte offset of that value
   */
  public long offset(int i, int y, int x, int c) {
    Objects.checkIndex(y, height);
    Objects.checkIndex(x, width);
    Objects.checkIndex(c, channels);
    return offset(i) + y * rowStride() + x * pixelStride() + c * channelStride();
  }
}

package dev.stoker.core;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The element type of a tensor that Stoker writes: what one value of an image or label occupies in
 * memory.
 *
 * <p>Values are always little-endian, the byte order of every platform TensorFlow runs on and the
 * order TensorFlow's own tensor buffers use.
 */
public enum ElementType {
  /** Unsigned 8-bit integer: raw pixel values 0..255. */
  UINT8(ValueLayout.JAVA_BYTE),
  /** Signed 32-bit integer. */
  INT32(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN)),
  /** Signed 64-bit integer: class labels. */
  INT64(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN)),
  /** IEEE 754 single precision: normalised pixel values. */
  FLOAT32(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN)),
  /** IEEE 754 double precision. */
  FLOAT64(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));

  // ValueLayout is immutable but not annotated so; keep only the size in the constant.
  private final int byteSize;

  ElementType(ValueLayout layout) {
    this.byteSize = (int) layout.byteSize();
  }

  /**
   * Returns the size of one element.
   *
   * @return the size in bytes: 1, 4 or 8
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * Returns the little-endian, unaligned value layout used to access one element.
   *
   * @return the layout of one element
   */
  public ValueLayout layout() {
    ValueLayout little =
        switch (this) {
          case UINT8 -> ValueLayout.JAVA_BYTE;
          case INT32 -> ValueLayout.JAVA_INT_UNALIGNED;
          case INT64 -> ValueLayout.JAVA_LONG_UNALIGNED;
          case FLOAT32 -> ValueLayout.JAVA_FLOAT_UNALIGNED;
          case FLOAT64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED;
        };
    return little.withOrder(ByteOrder.LITTLE_ENDIAN);
  }
}

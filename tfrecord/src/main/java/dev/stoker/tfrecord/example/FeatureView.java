package dev.stoker.tfrecord.example;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * One feature of an Example, as found by {@link ExampleReader#find(FeatureKey, FeatureView)}: its
 * kind, its count and its values.
 *
 * <p>A view is reusable and meant to be reused: the reader decodes the requested feature into the
 * view's own arrays, which grow to the largest feature seen and are then kept, so a steady stream
 * of records allocates nothing. Int64 and float values are decoded into those arrays (read them by
 * index or copy them into caller arrays); bytes values are positions in the payload, read as slices
 * with {@link #bytes(int)} or by {@link #bytesOffset(int)} and {@link #bytesLength(int)} without
 * making a slice.
 *
 * <p><b>Threading and lifetime.</b> Not thread-safe. The values stay valid until the view is filled
 * again; {@link #bytes(int)} slices are views of the payload and live as long as it does.
 */
public final class FeatureView {
  private MemorySegment payload = MemorySegment.NULL;
  private FeatureKind kind = FeatureKind.KIND_NOT_SET;
  private int count;
  private long[] int64s = new long[8];
  private float[] floats = new float[8];
  private long[] byteOffsets = new long[8];
  private int[] byteLengths = new int[8];

  /** Creates an empty view (kind {@link FeatureKind#KIND_NOT_SET}, no values). */
  public FeatureView() {}

  void start(MemorySegment payload, FeatureKind kind) {
    this.payload = payload;
    this.kind = kind;
    this.count = 0;
  }

  void addInt64(long value) {
    if (count == int64s.length) {
      int64s = Arrays.copyOf(int64s, count * 2);
    }
    int64s[count++] = value;
  }

  void addFloat(float value) {
    if (count == floats.length) {
      floats = Arrays.copyOf(floats, count * 2);
    }
    floats[count++] = value;
  }

  /** Makes room for {@code n} more floats and returns the index of the first. */
  int reserveFloats(int n) {
    if (count + n > floats.length) {
      floats = Arrays.copyOf(floats, Math.max(count + n, floats.length * 2));
    }
    int first = count;
    count += n;
    return first;
  }

  float[] floatArray() {
    return floats;
  }

  void addBytes(long offset, int length) {
    if (count == byteOffsets.length) {
      byteOffsets = Arrays.copyOf(byteOffsets, count * 2);
      byteLengths = Arrays.copyOf(byteLengths, count * 2);
    }
    byteOffsets[count] = offset;
    byteLengths[count++] = length;
  }

  /**
   * Returns which list the feature holds.
   *
   * @return the kind; {@link FeatureKind#KIND_NOT_SET} for an empty Feature message
   */
  public FeatureKind kind() {
    return kind;
  }

  /**
   * Returns how many values the list holds.
   *
   * @return the count; 0 for an empty list or no kind
   */
  public int count() {
    return count;
  }

  /**
   * Returns one int64 value.
   *
   * @param i the value's index
   * @return the value
   * @throws IllegalStateException when the kind is not {@link FeatureKind#INT64_LIST}
   * @throws IndexOutOfBoundsException when {@code i} is not in {@code [0, count())}
   */
  public long int64(int i) {
    require(FeatureKind.INT64_LIST);
    return int64s[Objects.checkIndex(i, count)];
  }

  /**
   * Returns one float value, bit for bit (−0.0, infinities and NaN included).
   *
   * @param i the value's index
   * @return the value
   * @throws IllegalStateException when the kind is not {@link FeatureKind#FLOAT_LIST}
   * @throws IndexOutOfBoundsException when {@code i} is not in {@code [0, count())}
   */
  public float float32(int i) {
    require(FeatureKind.FLOAT_LIST);
    return floats[Objects.checkIndex(i, count)];
  }

  /**
   * Copies every int64 value into an array.
   *
   * @param target where to copy
   * @param offset the first index written
   * @return the number of values copied, {@link #count()}
   * @throws IllegalStateException when the kind is not {@link FeatureKind#INT64_LIST}
   * @throws IndexOutOfBoundsException when they do not fit
   */
  public int copyInt64s(long[] target, int offset) {
    require(FeatureKind.INT64_LIST);
    System.arraycopy(int64s, 0, target, offset, count);
    return count;
  }

  /**
   * Copies every float value into an array.
   *
   * @param target where to copy
   * @param offset the first index written
   * @return the number of values copied, {@link #count()}
   * @throws IllegalStateException when the kind is not {@link FeatureKind#FLOAT_LIST}
   * @throws IndexOutOfBoundsException when they do not fit
   */
  public int copyFloats(float[] target, int offset) {
    require(FeatureKind.FLOAT_LIST);
    System.arraycopy(floats, 0, target, offset, count);
    return count;
  }

  /**
   * Returns one bytes value as a slice of the payload (no copy).
   *
   * @param i the value's index
   * @return the value's bytes
   * @throws IllegalStateException when the kind is not {@link FeatureKind#BYTES_LIST}
   * @throws IndexOutOfBoundsException when {@code i} is not in {@code [0, count())}
   */
  public MemorySegment bytes(int i) {
    require(FeatureKind.BYTES_LIST);
    Objects.checkIndex(i, count);
    return payload.asSlice(byteOffsets[i], byteLengths[i]);
  }

  /**
   * Returns where one bytes value starts in the payload.
   *
   * @param i the value's index
   * @return the offset from the start of the payload
   * @throws IllegalStateException when the kind is not {@link FeatureKind#BYTES_LIST}
   * @throws IndexOutOfBoundsException when {@code i} is not in {@code [0, count())}
   */
  public long bytesOffset(int i) {
    require(FeatureKind.BYTES_LIST);
    return byteOffsets[Objects.checkIndex(i, count)];
  }

  /**
   * Returns the length of one bytes value.
   *
   * @param i the value's index
   * @return the length in bytes
   * @throws IllegalStateException when the kind is not {@link FeatureKind#BYTES_LIST}
   * @throws IndexOutOfBoundsException when {@code i} is not in {@code [0, count())}
   */
  public int bytesLength(int i) {
    require(FeatureKind.BYTES_LIST);
    return byteLengths[Objects.checkIndex(i, count)];
  }

  private void require(FeatureKind wanted) {
    if (kind != wanted) {
      throw new IllegalStateException("kind=" + kind + " (expected: " + wanted + ")");
    }
  }

  @Override
  public String toString() {
    return "FeatureView[" + kind + ", " + count + " values]";
  }
}

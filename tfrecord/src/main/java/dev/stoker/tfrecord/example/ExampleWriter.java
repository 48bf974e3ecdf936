package dev.stoker.tfrecord.example;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@code tf.train.Example} and serializes it to exactly the bytes protobuf-java writes for
 * the same message: features in insertion order (a key put again keeps its first place and takes
 * the new value, as protobuf-java's map does), every map entry with its key and value, float and
 * int64 lists packed, empty lists as empty messages.
 *
 * <pre>{@code
 * byte[] payload = new ExampleWriter()
 *     .putBytes("image/encoded", jpeg)
 *     .putInt64s("image/class/label", 3)
 *     .putFloats("image/object/bbox/xmin", 0.1f, 0.5f)
 *     .toByteArray();
 * }</pre>
 *
 * <p>Not thread-safe. Values are copied when put, so the caller may reuse its arrays; {@link
 * #clear()} makes the writer ready for the next Example.
 */
public final class ExampleWriter {
  private final Map<String, Value> features = new LinkedHashMap<>();
  private boolean featuresPresent;

  /** Creates a writer for an Example with no {@code features} field. */
  public ExampleWriter() {}

  /** One feature as put: its kind, its UTF-8 key and its values. */
  private static final class Value {
    final FeatureKind kind;
    final byte[] key;
    final List<byte[]> bytes;
    final float[] floats;
    final long[] int64s;

    Value(FeatureKind kind, byte[] key, List<byte[]> bytes, float[] floats, long[] int64s) {
      this.kind = kind;
      this.key = key;
      this.bytes = bytes;
      this.floats = floats;
      this.int64s = int64s;
    }
  }

  /**
   * Puts a bytes-list feature.
   *
   * @param name the feature's name
   * @param values the values, copied
   * @return this writer
   */
  public ExampleWriter putBytes(String name, byte[]... values) {
    return putBytes(name, List.of(values));
  }

  /**
   * Puts a bytes-list feature.
   *
   * @param name the feature's name
   * @param values the values, copied
   * @return this writer
   */
  public ExampleWriter putBytes(String name, List<byte[]> values) {
    List<byte[]> copies = new ArrayList<>(values.size());
    for (byte[] v : values) {
      copies.add(v.clone());
    }
    return put(name, FeatureKind.BYTES_LIST, copies, new float[0], new long[0]);
  }

  /**
   * Puts a float-list feature.
   *
   * @param name the feature's name
   * @param values the values, copied bit for bit
   * @return this writer
   */
  public ExampleWriter putFloats(String name, float... values) {
    return put(name, FeatureKind.FLOAT_LIST, List.of(), values.clone(), new long[0]);
  }

  /**
   * Puts an int64-list feature.
   *
   * @param name the feature's name
   * @param values the values, copied
   * @return this writer
   */
  public ExampleWriter putInt64s(String name, long... values) {
    return put(name, FeatureKind.INT64_LIST, List.of(), new float[0], values.clone());
  }

  /**
   * Puts a feature whose Feature message has no kind set.
   *
   * @param name the feature's name
   * @return this writer
   */
  public ExampleWriter putKindNotSet(String name) {
    return put(name, FeatureKind.KIND_NOT_SET, List.of(), new float[0], new long[0]);
  }

  /**
   * Marks the {@code features} field present even with no feature in it: the Example then
   * serializes to {@code 0a 00} rather than to no bytes at all.
   *
   * @return this writer
   */
  public ExampleWriter withFeaturesField() {
    featuresPresent = true;
    return this;
  }

  private ExampleWriter put(
      String name, FeatureKind kind, List<byte[]> bytes, float[] floats, long[] int64s) {
    Objects.requireNonNull(name, "name");
    features.put(
        name, new Value(kind, name.getBytes(StandardCharsets.UTF_8), bytes, floats, int64s));
    featuresPresent = true;
    return this;
  }

  /**
   * Forgets every feature and the {@code features} field.
   *
   * @return this writer
   */
  public ExampleWriter clear() {
    features.clear();
    featuresPresent = false;
    return this;
  }

  /**
   * Returns the size of the serialized Example.
   *
   * @return the size in bytes
   */
  public int serializedSize() {
    if (!featuresPresent) {
      return 0;
    }
    long featuresSize = featuresSize();
    return Math.toIntExact(1 + varintSize(featuresSize) + featuresSize);
  }

  /**
   * Serializes the Example.
   *
   * @return the bytes protobuf-java would write
   */
  public byte[] toByteArray() {
    byte[] out = new byte[serializedSize()];
    Sink sink = new Sink(out);
    if (featuresPresent) {
      sink.tag(1, 2);
      sink.varint(featuresSize());
      for (Value v : features.values()) {
        long entry = entrySize(v);
        sink.tag(1, 2);
        sink.varint(entry);
        sink.tag(1, 2);
        sink.varint(v.key.length);
        sink.bytes(v.key);
        long feature = featureSize(v);
        sink.tag(2, 2);
        sink.varint(feature);
        if (v.kind != FeatureKind.KIND_NOT_SET) {
          writeFeature(sink, v);
        }
      }
    }
    if (sink.at != out.length) {
      throw new AssertionError("wrote " + sink.at + " of " + out.length + " bytes");
    }
    return out;
  }

  /**
   * Serializes the Example into a segment.
   *
   * @param target where to write
   * @param offset the first byte written
   * @return the number of bytes written
   * @throws IndexOutOfBoundsException when it does not fit
   */
  public int writeTo(MemorySegment target, long offset) {
    byte[] bytes = toByteArray();
    MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, offset, bytes.length);
    return bytes.length;
  }

  private static void writeFeature(Sink sink, Value v) {
    long list = listSize(v);
    switch (v.kind) {
      case BYTES_LIST -> {
        sink.tag(1, 2);
        sink.varint(list);
        for (byte[] b : v.bytes) {
          sink.tag(1, 2);
          sink.varint(b.length);
          sink.bytes(b);
        }
      }
      case FLOAT_LIST -> {
        sink.tag(2, 2);
        sink.varint(list);
        if (v.floats.length > 0) {
          sink.tag(1, 2);
          sink.varint(4L * v.floats.length);
          for (float f : v.floats) {
            sink.fixed32(Float.floatToRawIntBits(f));
          }
        }
      }
      case INT64_LIST -> {
        sink.tag(3, 2);
        sink.varint(list);
        if (v.int64s.length > 0) {
          sink.tag(1, 2);
          sink.varint(packedInt64Size(v.int64s));
          for (long x : v.int64s) {
            sink.varint(x);
          }
        }
      }
      case KIND_NOT_SET -> throw new AssertionError(v.kind);
    }
  }

  private long featuresSize() {
    long size = 0;
    for (Value v : features.values()) {
      long entry = entrySize(v);
      size += 1 + varintSize(entry) + entry;
    }
    return size;
  }

  private static long entrySize(Value v) {
    long feature = featureSize(v);
    return 1 + varintSize(v.key.length) + v.key.length + 1 + varintSize(feature) + feature;
  }

  private static long featureSize(Value v) {
    if (v.kind == FeatureKind.KIND_NOT_SET) {
      return 0;
    }
    long list = listSize(v);
    return 1 + varintSize(list) + list;
  }

  private static long listSize(Value v) {
    return switch (v.kind) {
      case BYTES_LIST -> {
        long size = 0;
        for (byte[] b : v.bytes) {
          size += 1 + varintSize(b.length) + b.length;
        }
        yield size;
      }
      case FLOAT_LIST -> {
        long data = 4L * v.floats.length;
        yield data == 0 ? 0 : 1 + varintSize(data) + data;
      }
      case INT64_LIST -> {
        long data = packedInt64Size(v.int64s);
        yield data == 0 ? 0 : 1 + varintSize(data) + data;
      }
      case KIND_NOT_SET -> 0;
    };
  }

  private static long packedInt64Size(long[] values) {
    long size = 0;
    for (long x : values) {
      size += varintSize(x);
    }
    return size;
  }

  static int varintSize(long value) {
    return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
  }

  private static final class Sink {
    private final byte[] out;
    private int at;

    Sink(byte[] out) {
      this.out = out;
    }

    void tag(int field, int wireType) {
      varint(((long) field << 3) | wireType);
    }

    void varint(long value) {
      long v = value;
      while ((v & ~0x7fL) != 0) {
        out[at++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      out[at++] = (byte) v;
    }

    void fixed32(int value) {
      out[at++] = (byte) value;
      out[at++] = (byte) (value >>> 8);
      out[at++] = (byte) (value >>> 16);
      out[at++] = (byte) (value >>> 24);
    }

    void bytes(byte[] b) {
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
  }
}

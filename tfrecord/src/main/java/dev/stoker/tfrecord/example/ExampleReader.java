package dev.stoker.tfrecord.example;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a serialized {@code tf.train.Example} in place: looks a feature up by name and reports its
 * kind, its count and its values, without copying the payload and without allocating per record.
 *
 * <pre>{@code
 * static final FeatureKey IMAGE = FeatureKey.of("image/encoded");
 * static final FeatureKey LABEL = FeatureKey.of("image/class/label");
 *
 * ExampleReader example = new ExampleReader();   // one per thread, reused for every record
 * FeatureView image = new FeatureView();
 * FeatureView label = new FeatureView();
 * while (records.next()) {
 *   example.wrap(records.record());
 *   if (example.find(IMAGE, image) && example.find(LABEL, label)) {
 *     decode(image.bytes(0), label.int64(0)); // image.bytes(0) is a slice of the record
 *   }
 * }
 * }</pre>
 *
 * <p><b>Wire format.</b> An Example is {@code features = 1} (a {@code Features} message), which is
 * a {@code map<string, Feature> feature = 1}; each {@code Feature} sets one of {@code bytes_list =
 * 1}, {@code float_list = 2} or {@code int64_list = 3}, each a message with {@code repeated ...
 * value = 1}. The reader follows the protobuf specification, as protobuf-java does:
 *
 * <ul>
 *   <li>repeated floats and int64s are read packed, unpacked, or mixed in one list, in wire order;
 *   <li>unknown fields, at every level, are skipped (groups included), as is a known field number
 *       with an unexpected wire type;
 *   <li>a key that occurs twice in the map (also across two {@code features} fields) takes the last
 *       entry; inside one entry, repeated {@code value} fields merge, and a {@code Feature} whose
 *       oneof is set again to the same kind appends, to another kind replaces;
 *   <li>a missing key is the empty string; a missing or empty {@code Feature} has kind {@link
 *       FeatureKind#KIND_NOT_SET}; an empty payload is an Example without features.
 * </ul>
 *
 * <p><b>Where TensorFlow's parser differs</b> (measured on the shared test data, TensorFlow 2.18).
 * A list that mixes packed and unpacked encodings loses its last value in TensorFlow's {@code
 * ParseSingleExample}; this reader returns every value, as protobuf-java does. TensorFlow's parser
 * also rejects unknown fields inside {@code Features}, {@code Feature} and {@code BytesList}; this
 * reader skips them, as the protobuf specification says.
 *
 * <p><b>Where this reader differs from protobuf-java.</b> It is lazy: {@link #find} checks the
 * structure of the Example, the Features and every map entry (tags, lengths, varints), but decodes
 * and checks only the Feature it is asked for, so a damaged Feature that is never requested goes
 * unnoticed. Keys are compared as UTF-8 bytes and not validated as UTF-8.
 *
 * <p><b>Threading and lifetime.</b> Not thread-safe; use one per thread. The reader keeps a
 * reference to the wrapped payload until the next {@link #wrap}; its internal tables grow to the
 * largest Example seen and are then reused.
 */
public final class ExampleReader {
  private static final ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final long TAG_1_LEN = (1 << 3) | WireCursor.LEN;
  private static final long TAG_1_VARINT = (1 << 3) | WireCursor.VARINT;
  private static final long TAG_1_I32 = (1 << 3) | WireCursor.I32;
  private static final long TAG_2_LEN = (2 << 3) | WireCursor.LEN;
  private static final long TAG_3_LEN = (3 << 3) | WireCursor.LEN;

  private final WireCursor cursor = new WireCursor();
  private MemorySegment payload = MemorySegment.NULL;
  private boolean indexed;
  private boolean hasFeatures;
  private int entries;
  private long[] keyOffsets = new long[16];
  private int[] keyLengths = new int[16];
  private long[] entryStarts = new long[16];
  private long[] entryEnds = new long[16];

  /** Creates a reader; wrap a payload before looking anything up. */
  public ExampleReader() {}

  /**
   * Starts reading a new payload. Nothing is parsed until the first lookup.
   *
   * @param payload a serialized Example; a heap or off-heap segment
   * @return this reader
   */
  public ExampleReader wrap(MemorySegment payload) {
    this.payload = payload;
    this.indexed = false;
    this.hasFeatures = false;
    this.entries = 0;
    return this;
  }

  /**
   * Looks a feature up and decodes it into a view.
   *
   * @param key the feature's name
   * @param into the view to fill; left unchanged when the feature is absent
   * @return true when the Example has the feature
   * @throws InvalidExampleException when the payload is malformed
   */
  public boolean find(FeatureKey key, FeatureView into) throws InvalidExampleException {
    ensureIndexed();
    MemorySegment name = key.utf8();
    long length = name.byteSize();
    for (int i = entries - 1; i >= 0; i--) {
      if (keyLengths[i] == length
          && MemorySegment.mismatch(payload, keyOffsets[i], keyOffsets[i] + length, name, 0, length)
              == -1) {
        decode(i, into);
        return true;
      }
    }
    return false;
  }

  /**
   * Looks a feature up by a name given as a string (encodes it each time: prefer {@link
   * #find(FeatureKey, FeatureView)} on a hot path).
   *
   * @param name the feature's name
   * @param into the view to fill
   * @return true when the Example has the feature
   * @throws InvalidExampleException when the payload is malformed
   */
  public boolean find(String name, FeatureView into) throws InvalidExampleException {
    return find(FeatureKey.of(name), into);
  }

  /**
   * Tells whether the Example's {@code features} field is present (an empty payload has none; the
   * payload {@code 0a 00} has an empty one). Protobuf's JSON form tells them apart.
   *
   * @return true when a {@code features} field is present
   * @throws InvalidExampleException when the payload is malformed
   */
  public boolean hasFeatures() throws InvalidExampleException {
    ensureIndexed();
    return hasFeatures;
  }

  /**
   * Returns how many map entries the payload holds, in wire order, duplicate keys included.
   *
   * @return the number of entries
   * @throws InvalidExampleException when the payload is malformed
   */
  public int entryCount() throws InvalidExampleException {
    ensureIndexed();
    return entries;
  }

  /**
   * Returns the key of one map entry, decoded from UTF-8 (allocates; for listing, not lookups).
   *
   * @param entry the entry's index in wire order
   * @return the key
   * @throws InvalidExampleException when the payload is malformed
   * @throws IndexOutOfBoundsException when {@code entry} is not in {@code [0, entryCount())}
   */
  public String entryName(int entry) throws InvalidExampleException {
    ensureIndexed();
    Objects.checkIndex(entry, entries);
    byte[] bytes =
        payload.asSlice(keyOffsets[entry], keyLengths[entry]).toArray(ValueLayout.JAVA_BYTE);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Decodes the value of one map entry, whether or not a later entry has the same key.
   *
   * @param entry the entry's index in wire order
   * @param into the view to fill
   * @throws InvalidExampleException when the payload is malformed
   * @throws IndexOutOfBoundsException when {@code entry} is not in {@code [0, entryCount())}
   */
  public void entry(int entry, FeatureView into) throws InvalidExampleException {
    ensureIndexed();
    Objects.checkIndex(entry, entries);
    decode(entry, into);
  }

  private void ensureIndexed() throws InvalidExampleException {
    if (indexed) {
      return;
    }
    entries = 0;
    hasFeatures = false;
    WireCursor c = cursor;
    c.reset(payload, 0, payload.byteSize());
    while (c.hasMore()) {
      long tag = c.readTag();
      if (tag == TAG_1_LEN) {
        long end = c.readLength();
        end += c.position;
        hasFeatures = true;
        indexFeatures(end);
        c.position = end;
      } else {
        c.skip(tag);
      }
    }
    indexed = true;
  }

  private void indexFeatures(long end) throws InvalidExampleException {
    WireCursor c = cursor;
    long outer = c.limit;
    c.limit = end;
    while (c.hasMore()) {
      long tag = c.readTag();
      if (tag == TAG_1_LEN) {
        long entryEnd = c.readLength();
        entryEnd += c.position;
        indexEntry(c.position, entryEnd);
        c.position = entryEnd;
      } else {
        c.skip(tag);
      }
    }
    c.limit = outer;
  }

  private void indexEntry(long start, long end) throws InvalidExampleException {
    WireCursor c = cursor;
    long outer = c.limit;
    c.limit = end;
    long keyOffset = start;
    long keyLength = 0;
    while (c.hasMore()) {
      long tag = c.readTag();
      if (tag == TAG_1_LEN) {
        keyLength = c.readLength();
        keyOffset = c.position;
        c.position += keyLength;
      } else if (tag == TAG_2_LEN) {
        long skipped = c.readLength();
        c.position += skipped;
      } else {
        c.skip(tag);
      }
    }
    c.limit = outer;
    if (entries == keyOffsets.length) {
      int n = entries * 2;
      keyOffsets = Arrays.copyOf(keyOffsets, n);
      keyLengths = Arrays.copyOf(keyLengths, n);
      entryStarts = Arrays.copyOf(entryStarts, n);
      entryEnds = Arrays.copyOf(entryEnds, n);
    }
    keyOffsets[entries] = keyOffset;
    keyLengths[entries] = (int) keyLength;
    entryStarts[entries] = start;
    entryEnds[entries++] = end;
  }

  /**
   * Decodes one entry's Feature. Every {@code value} field of the entry is one more piece of the
   * same Feature message (protobuf merges them), so two passes over the pieces: the first finds the
   * final kind and the kind field where it was last switched to, the second decodes every list from
   * there on.
   */
  private void decode(int entry, FeatureView into) throws InvalidExampleException {
    FeatureKind kind = FeatureKind.KIND_NOT_SET;
    int switchedAt = 0;
    int ordinal = 0;
    WireCursor c = cursor;
    c.reset(payload, entryStarts[entry], entryEnds[entry]);
    while (c.hasMore()) {
      long tag = c.readTag();
      if (tag != TAG_2_LEN) {
        c.skip(tag);
        continue;
      }
      long valueEnd = c.readLength();
      valueEnd += c.position;
      long outer = c.limit;
      c.limit = valueEnd;
      while (c.hasMore()) {
        long inner = c.readTag();
        FeatureKind k = kindOf(inner);
        if (k == FeatureKind.KIND_NOT_SET) {
          c.skip(inner);
          continue;
        }
        long skipped = c.readLength();
        c.position += skipped;
        if (k != kind) {
          kind = k;
          switchedAt = ordinal;
        }
        ordinal++;
      }
      c.limit = outer;
    }
    into.start(payload, kind);
    if (kind == FeatureKind.KIND_NOT_SET) {
      return;
    }
    ordinal = 0;
    c.reset(payload, entryStarts[entry], entryEnds[entry]);
    while (c.hasMore()) {
      long tag = c.readTag();
      if (tag != TAG_2_LEN) {
        c.skip(tag);
        continue;
      }
      long valueEnd = c.readLength();
      valueEnd += c.position;
      long outer = c.limit;
      c.limit = valueEnd;
      while (c.hasMore()) {
        long inner = c.readTag();
        FeatureKind k = kindOf(inner);
        if (k == FeatureKind.KIND_NOT_SET) {
          c.skip(inner);
          continue;
        }
        long listEnd = c.readLength();
        listEnd += c.position;
        if (ordinal++ >= switchedAt) {
          decodeList(kind, listEnd, into);
        }
        c.position = listEnd;
      }
      c.limit = outer;
    }
  }

  private static FeatureKind kindOf(long tag) {
    if (tag == TAG_1_LEN) {
      return FeatureKind.BYTES_LIST;
    } else if (tag == TAG_2_LEN) {
      return FeatureKind.FLOAT_LIST;
    } else if (tag == TAG_3_LEN) {
      return FeatureKind.INT64_LIST;
    }
    return FeatureKind.KIND_NOT_SET;
  }

  private void decodeList(FeatureKind kind, long end, FeatureView into)
      throws InvalidExampleException {
    WireCursor c = cursor;
    long outer = c.limit;
    c.limit = end;
    while (c.hasMore()) {
      long tag = c.readTag();
      switch (kind) {
        case BYTES_LIST -> {
          if (tag == TAG_1_LEN) {
            long length = c.readLength();
            into.addBytes(c.position, (int) length);
            c.position += length;
          } else {
            c.skip(tag);
          }
        }
        case FLOAT_LIST -> {
          if (tag == TAG_1_I32) {
            long at = c.position;
            c.advance(Float.BYTES);
            into.addFloat(payload.get(LE_FLOAT, at));
          } else if (tag == TAG_1_LEN) {
            long at = c.position;
            long length = c.readLength();
            if (length % Float.BYTES != 0) {
              throw new InvalidExampleException(
                  at, "packed float length=" + length + " (expected: a multiple of 4)");
            }
            int n = (int) (length / Float.BYTES);
            int first = into.reserveFloats(n);
            MemorySegment.copy(payload, LE_FLOAT, c.position, into.floatArray(), first, n);
            c.position += length;
          } else {
            c.skip(tag);
          }
        }
        case INT64_LIST -> {
          if (tag == TAG_1_VARINT) {
            into.addInt64(c.readVarint());
          } else if (tag == TAG_1_LEN) {
            long packedEnd = c.readLength();
            packedEnd += c.position;
            c.limit = packedEnd;
            while (c.hasMore()) {
              into.addInt64(c.readVarint());
            }
            c.limit = end;
          } else {
            c.skip(tag);
          }
        }
        case KIND_NOT_SET -> throw new AssertionError(kind);
      }
    }
    c.limit = outer;
  }
}

package dev.stoker.tfrecord.example;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads protobuf wire format from a window {@code [position, limit)} of a segment: varints, tags,
 * lengths, and skipping of unknown fields (groups included). One instance is reused for every
 * payload; it allocates nothing except the exception that reports malformed input.
 */
final class WireCursor {
  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int SGROUP = 3;
  static final int EGROUP = 4;
  static final int I32 = 5;

  /** The deepest nesting of groups skipped, as protobuf's default recursion limit. */
  static final int MAX_GROUP_DEPTH = 100;

  private final long[] openGroups = new long[MAX_GROUP_DEPTH];
  private MemorySegment segment = MemorySegment.NULL;
  long position;
  long limit;

  void reset(MemorySegment segment, long position, long limit) {
    this.segment = segment;
    this.position = position;
    this.limit = limit;
  }

  boolean hasMore() {
    return position < limit;
  }

  long readVarint() throws InvalidExampleException {
    long result = 0;
    long at = position;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= limit) {
        throw new InvalidExampleException(position, "varint runs past the end of its message");
      }
      byte b = segment.get(ValueLayout.JAVA_BYTE, at++);
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        position = at;
        return result;
      }
    }
    throw new InvalidExampleException(position, "varint longer than 10 bytes");
  }

  /** Reads a tag and returns it; field number zero and wire types 6 and 7 are rejected. */
  long readTag() throws InvalidExampleException {
    long start = position;
    long tag = readVarint();
    int wireType = (int) (tag & 7);
    if ((tag >>> 3) == 0 || wireType > I32) {
      throw new InvalidExampleException(
          start, "tag=" + tag + " (expected: field number > 0 and wire type 0 to 5)");
    }
    return tag;
  }

  /** Reads a length prefix and checks that the bytes it announces are inside the window. */
  long readLength() throws InvalidExampleException {
    long start = position;
    long length = readVarint();
    if (length < 0 || length > limit - position) {
      throw new InvalidExampleException(
          start,
          "length="
              + Long.toUnsignedString(length)
              + " (expected: <= "
              + (limit - position)
              + ", the bytes left in the enclosing message)");
    }
    return length;
  }

  /**
   * Skips the value of a field whose tag was just read. A group is skipped up to its matching
   * end-group tag; a stray or mismatched end-group is malformed, as in protobuf-java.
   */
  void skip(long tag) throws InvalidExampleException {
    int depth = 0;
    long current = tag;
    while (true) {
      switch ((int) (current & 7)) {
        case VARINT -> readVarint();
        case I64 -> advance(8);
        case LEN -> {
          long n = readLength();
          position += n;
        }
        case I32 -> advance(4);
        case SGROUP -> {
          if (depth == MAX_GROUP_DEPTH) {
            throw new InvalidExampleException(position, "groups nested deeper than 100");
          }
          openGroups[depth++] = current >>> 3;
        }
        case EGROUP -> {
          if (depth == 0 || openGroups[depth - 1] != (current >>> 3)) {
            throw new InvalidExampleException(
                position, "end-group tag for field " + (current >>> 3) + " without its start");
          }
          depth--;
        }
        default -> throw new AssertionError(current);
      }
      if (depth == 0) {
        return;
      }
      if (!hasMore()) {
        throw new InvalidExampleException(position, "group runs past the end of its message");
      }
      current = readTag();
    }
  }

  void advance(long n) throws InvalidExampleException {
    if (n > limit - position) {
      throw new InvalidExampleException(position, "fixed-width value runs past its message");
    }
    position += n;
  }

  byte getByte(long at) {
    return segment.get(ValueLayout.JAVA_BYTE, at);
  }

  MemorySegment segment() {
    return segment;
  }
}

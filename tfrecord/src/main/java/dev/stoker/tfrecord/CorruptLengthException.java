package dev.stoker.tfrecord;

import java.io.Serial;

/**
 * A record's length field does not match its masked CRC32C: the length cannot be trusted, so
 * nothing after it can be read.
 */
public final class CorruptLengthException extends TfRecordException {
  @Serial private static final long serialVersionUID = 1L;

  CorruptLengthException(String source, long index, long offset, int found, int expected) {
    super(
        source,
        index,
        offset,
        "lengthCrc="
            + hex(found)
            + " (expected: "
            + hex(expected)
            + ", the masked CRC32C of the 8 length bytes)");
  }

  static String hex(int value) {
    return String.format("0x%08x", value);
  }

  @Override
  public String check() {
    return "length-crc";
  }
}

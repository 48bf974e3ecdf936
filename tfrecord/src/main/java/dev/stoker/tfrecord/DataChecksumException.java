package dev.stoker.tfrecord;

import java.io.Serial;

/** A record's payload does not match the masked CRC32C in its footer. */
public final class DataChecksumException extends TfRecordException {
  @Serial private static final long serialVersionUID = 1L;

  DataChecksumException(String source, long index, long offset, int found, int expected) {
    super(
        source,
        index,
        offset,
        "dataCrc="
            + CorruptLengthException.hex(found)
            + " (expected: "
            + CorruptLengthException.hex(expected)
            + ", the masked CRC32C of the payload)");
  }

  @Override
  public String check() {
    return "data-crc";
  }
}

package dev.stoker.tfrecord;

import java.io.Serial;

/**
 * A record's payload does not match the masked CRC32C in its footer. Its header passed its own
 * checksum, so the frame's length is known: a reader that can seek may go on at the next frame
 * ({@link #offset()} plus {@link TfRecordFrame#frameLength} of {@link #payloadLength()}), losing
 * this one record.
 */
public final class DataChecksumException extends TfRecordException {
  @Serial private static final long serialVersionUID = 1L;

  private final int payloadLength;

  DataChecksumException(
      String source, long index, long offset, int payloadLength, int found, int expected) {
    super(
        source,
        index,
        offset,
        "dataCrc="
            + CorruptLengthException.hex(found)
            + " (expected: "
            + CorruptLengthException.hex(expected)
            + ", the masked CRC32C of the payload)");
    this.payloadLength = payloadLength;
  }

  /**
   * Returns the payload's length, from the header whose checksum matched.
   *
   * @return the length in bytes
   */
  public int payloadLength() {
    return payloadLength;
  }

  @Override
  public String check() {
    return "data-crc";
  }
}

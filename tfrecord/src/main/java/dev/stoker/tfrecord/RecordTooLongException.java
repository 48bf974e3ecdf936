package dev.stoker.tfrecord;

import java.io.Serial;

/**
 * A record's length passed its CRC check but exceeds the reader's {@linkplain
 * TfRecordReaderOptions#maxRecordLength() limit}. Nothing was allocated for it.
 */
public final class RecordTooLongException extends TfRecordException {
  @Serial private static final long serialVersionUID = 1L;

  RecordTooLongException(String source, long index, long offset, long length, long max) {
    super(
        source,
        index,
        offset,
        "length=" + Long.toUnsignedString(length) + " (expected: <= maxRecordLength " + max + ")");
  }

  @Override
  public String check() {
    return "max-length";
  }
}

package dev.stoker.tfrecord;

import java.io.IOException;
import java.io.Serial;

/**
 * A TFRecord stream is damaged: one of its checks failed at a known place.
 *
 * <p>Every subclass names the failed check; the message has one form for all of them:
 *
 * <pre>{@code
 * small.tfrecord: record 3 at offset 416: lengthCrc=0x6b5d3a1f (expected: 0x0e1c9d04, ...)
 * }</pre>
 *
 * <p>The {@linkplain #offset() offset} is the byte offset of the damaged record's header in the
 * uncompressed stream (for a GZIP or ZLIB file, the offset inside the inflated stream), as in the
 * test manifests and index files. A reader that threw one of these returns no more records.
 */
public abstract sealed class TfRecordException extends IOException
    permits CorruptLengthException,
        RecordTooLongException,
        DataChecksumException,
        TruncatedRecordException,
        CorruptStreamException {
  @Serial private static final long serialVersionUID = 1L;

  private final String source;
  private final long recordIndex;
  private final long offset;

  TfRecordException(String source, long recordIndex, long offset, String detail) {
    super(source + ": record " + recordIndex + " at offset " + offset + ": " + detail);
    this.source = source;
    this.recordIndex = recordIndex;
    this.offset = offset;
  }

  /**
   * Returns the name of the damaged stream (a file name, or the name given in the options).
   *
   * @return the source's name
   */
  public String source() {
    return source;
  }

  /**
   * Returns the 0-based index of the damaged record: the number of good records before it.
   *
   * @return the record index
   */
  public long recordIndex() {
    return recordIndex;
  }

  /**
   * Returns the byte offset of the damaged record's header in the uncompressed stream.
   *
   * @return the offset
   */
  public long offset() {
    return offset;
  }

  /**
   * Names the check that failed, for logs and error reports.
   *
   * @return a short, stable name such as {@code "length-crc"}
   */
  public abstract String check();
}

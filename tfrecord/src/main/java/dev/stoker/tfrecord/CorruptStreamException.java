package dev.stoker.tfrecord;

import java.io.IOException;
import java.io.Serial;

/**
 * The GZIP or ZLIB container around a TFRecord stream is damaged or cut short, so the frames inside
 * cannot be read. The offset is where the next record would have started in the inflated stream;
 * the cause is the decompressor's own exception.
 */
public final class CorruptStreamException extends TfRecordException {
  @Serial private static final long serialVersionUID = 1L;

  CorruptStreamException(
      String source, long index, long offset, TfRecordCompression compression, IOException cause) {
    super(
        source,
        index,
        offset,
        "compression="
            + compression
            + " stream is damaged ("
            + cause.getMessage()
            + ") (expected: a complete, valid "
            + compression
            + " stream)");
    initCause(cause);
  }

  @Override
  public String check() {
    return "compressed-stream";
  }
}

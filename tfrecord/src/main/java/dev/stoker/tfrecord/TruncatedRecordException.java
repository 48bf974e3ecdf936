package dev.stoker.tfrecord;

import java.io.Serial;

/**
 * The stream ended inside a record: in its header, its payload or its footer. TensorFlow reports a
 * cut inside a header as a clean end of file; this library reports it, since it can tell.
 */
public final class TruncatedRecordException extends TfRecordException {
  @Serial private static final long serialVersionUID = 1L;

  TruncatedRecordException(String source, long index, long offset, long available, long needed) {
    super(
        source,
        index,
        offset,
        "available="
            + available
            + " bytes (expected: "
            + needed
            + " for the "
            + (needed == TfRecordFrame.HEADER_LENGTH ? "header" : "whole frame")
            + "): the stream ends inside the record");
  }

  @Override
  public String check() {
    return "truncated";
  }
}

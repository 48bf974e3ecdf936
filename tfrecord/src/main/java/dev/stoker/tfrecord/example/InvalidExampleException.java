package dev.stoker.tfrecord.example;

import java.io.IOException;
import java.io.Serial;

/**
 * A payload is not a well-formed {@code tf.train.Example}: a truncated varint or field, a length
 * past its message, a packed list whose length does not fit its element size, a reserved wire type
 * or field number zero. The offset is counted from the start of the payload.
 */
public final class InvalidExampleException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  private final long offset;

  InvalidExampleException(long offset, String problem) {
    super("tf.train.Example payload offset " + offset + ": " + problem);
    this.offset = offset;
  }

  /**
   * Returns where in the payload the problem was found.
   *
   * @return the byte offset from the start of the payload
   */
  public long offset() {
    return offset;
  }
}

package dev.stoker.core.error;

import java.io.Serial;

/**
 * Thrown under {@link ErrorPolicy#FAIL_FAST} when a sample cannot be read or decoded. It carries
 * the {@link SampleError} that says which sample and why; the original exception is its cause.
 */
public final class SampleException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // records are not Serializable; the message carries the same facts
  private final SampleError error;

  /**
   * Wraps an error.
   *
   * @param error the error
   */
  public SampleException(SampleError error) {
    super(error.toString(), error.cause());
    this.error = error;
  }

  /**
   * Returns the error that stopped the pipeline.
   *
   * @return the error
   */
  public SampleError error() {
    return error;
  }
}

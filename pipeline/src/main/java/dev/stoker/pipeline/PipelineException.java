package dev.stoker.pipeline;

import java.io.Serial;

/**
 * Thrown by {@link Pipeline#next()} when the pipeline stopped because a reader or worker failed.
 * The cause is the original failure, for example a {@link dev.stoker.core.error.SampleException}
 * naming the bad sample under the fail-fast policy.
 */
public final class PipelineException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Wraps a failure.
   *
   * @param message what stopped
   * @param cause the original failure
   */
  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}

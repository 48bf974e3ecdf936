package dev.stoker.io;

import dev.stoker.core.error.SampleError;
import java.io.IOException;
import java.io.Serial;

/**
 * One sample could not be read: a NULL cell, an unreadable or oversized file, a corrupt record. It
 * carries the {@link SampleError} (source, position, reason) that the caller hands to its {@link
 * dev.stoker.core.error.ErrorPolicy}.
 *
 * <p>When {@link #canContinue()} is true the stream has already moved past the bad sample (its
 * {@link SampleStream#position()} counts it) and the next {@link SampleStream#next()} reads the one
 * after. When it is false there is no safe place to resume: the stream is finished, and further
 * calls to {@code next()} throw this exception again. The sources of this module always read on:
 * damage inside a TFRecord shard read without an index ends only that shard, whose later records
 * are then reported one by one, each with its own exception, and never read.
 */
public final class SampleReadException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // records are not Serializable; the message carries the same facts
  private final SampleError error;

  private final long sampleId;
  private final boolean canContinue;

  /**
   * Creates the exception.
   *
   * @param error what went wrong, and where
   * @param sampleId the planned sample's dataset-wide id
   * @param canContinue whether the stream can read on
   */
  public SampleReadException(SampleError error, long sampleId, boolean canContinue) {
    super(error.toString(), error.cause());
    this.error = error;
    this.sampleId = sampleId;
    this.canContinue = canContinue;
  }

  /**
   * Returns what went wrong, for the error policy.
   *
   * @return the error
   */
  public SampleError error() {
    return error;
  }

  /**
   * Returns the id of the sample that failed.
   *
   * @return the dataset-wide sample id
   */
  public long sampleId() {
    return sampleId;
  }

  /**
   * Tells whether {@link SampleStream#next()} may be called again to read on.
   *
   * @return true when the stream moved past the bad sample
   */
  public boolean canContinue() {
    return canContinue;
  }
}

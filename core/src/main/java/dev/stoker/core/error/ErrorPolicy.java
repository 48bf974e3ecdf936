package dev.stoker.core.error;

/**
 * What a pipeline does when one sample is bad: a truncated JPEG, a corrupt record, a NULL cell.
 *
 * <p>Either way nothing is lost silently: under {@link #FAIL_FAST} the error stops the run, and
 * under {@link #SKIP_AND_REPORT} it is counted and kept in a {@link SampleErrorLog} that the user
 * can read at any time.
 */
public enum ErrorPolicy {
  /** Throw a {@link SampleException} at the first bad sample. The default. */
  FAIL_FAST,
  /** Record the error in the log and go on; the caller replaces the sample deterministically. */
  SKIP_AND_REPORT;

  /**
   * Applies the policy to one error.
   *
   * @param error what went wrong
   * @param log where skipped errors are recorded
   * @throws SampleException under {@link #FAIL_FAST}
   */
  public void handle(SampleError error, SampleErrorLog log) {
    if (this == FAIL_FAST) {
      throw new SampleException(error);
    }
    log.record(error);
  }
}

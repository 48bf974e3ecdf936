package dev.stoker.pipeline;

import java.util.Locale;

/**
 * One decision of the autotuner ({@link PipelineOptions#AUTO}): a knob changed, or held at a bound,
 * and why, in the measurements of the window that led to it.
 *
 * <p>{@link #toString()} is the one log line, for example {@code workers 2→3: stall 12 % with
 * workers 98 % busy}.
 *
 * @param knob {@code "workers"} or {@code "prefetch"}
 * @param from the value before
 * @param to the value after; equal to {@code from} when the tuner wanted a change that a bound (the
 *     memory limit, the core count, the configured maximum) refused
 * @param reason the measurements behind the decision, in words
 * @param window which measurement window (from 1) the decision closed
 */
public record TuningDecision(String knob, int from, int to, String reason, long window) {

  /**
   * Tells whether the knob changed.
   *
   * @return false for a decision held at a bound
   */
  public boolean changed() {
    return from != to;
  }

  @Override
  public String toString() {
    return changed()
        ? String.format(Locale.ROOT, "%s %d→%d: %s", knob, from, to, reason)
        : String.format(Locale.ROOT, "%s stays %d: %s", knob, from, reason);
  }
}

package dev.stoker.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * Turns one measurement window into a decision; {@link Autotuner} is the one the pipeline uses, and
 * tests plug in others to drive the pipeline's reconfiguration directly.
 */
@FunctionalInterface
interface TuningPolicy {
  /**
   * Closes a window.
   *
   * @param window what it measured
   * @return the decision (whose {@code to} the pipeline applies), or null for none
   */
  @Nullable TuningDecision decide(TuningWindow window);
}

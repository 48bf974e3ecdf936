package dev.stoker.pipeline;

/** The order in which the consumer receives batches. */
public enum Ordering {
  /**
   * Batches arrive in plan order, each exactly as a single-threaded run would produce it. The
   * default: reproducible, and resumable with {@link Pipeline#state()}.
   */
  DETERMINISTIC,
  /**
   * Batches arrive as they complete. Each batch is still built from the same samples with the same
   * bytes; only the order of whole batches may change, which hides a slow image behind faster
   * batches. {@link Pipeline#state()} is not exact in this mode.
   */
  AS_COMPLETED
}

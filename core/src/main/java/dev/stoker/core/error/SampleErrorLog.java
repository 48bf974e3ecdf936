package dev.stoker.core.error;

import dev.stoker.core.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record of samples skipped under {@link ErrorPolicy#SKIP_AND_REPORT}: an exact count, and the
 * first errors in full.
 *
 * <p>The log's memory is bounded: it keeps the first {@code capacity} errors and counts the rest,
 * so a dataset that is bad throughout cannot exhaust the heap.
 *
 * <p><b>Threading.</b> Thread-safe: any worker may record while any thread reads.
 */
public final class SampleErrorLog {
  /** How many errors a log keeps in full unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 1000;

  private final int capacity;
  private final List<SampleError> kept = new ArrayList<>();
  private final AtomicLong count = new AtomicLong();

  /** Creates a log that keeps {@link #DEFAULT_CAPACITY} errors in full. */
  public SampleErrorLog() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * Creates a log.
   *
   * @param capacity how many errors to keep in full; the rest are only counted
   */
  public SampleErrorLog(int capacity) {
    this.capacity = Checks.inRange("capacity", capacity, 0, 1 << 20);
  }

  /**
   * Records one skipped sample.
   *
   * @param error what went wrong
   */
  public void record(SampleError error) {
    count.incrementAndGet();
    synchronized (kept) {
      if (kept.size() < capacity) {
        kept.add(error);
      }
    }
  }

  /**
   * Returns how many samples were skipped, kept in full or not.
   *
   * @return the exact count
   */
  public long count() {
    return count.get();
  }

  /**
   * Returns the first errors, up to the capacity, in the order they were recorded.
   *
   * @return a snapshot
   */
  public List<SampleError> errors() {
    synchronized (kept) {
      return List.copyOf(kept);
    }
  }
}

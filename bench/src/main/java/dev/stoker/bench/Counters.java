package dev.stoker.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The auxiliary counters of the end-to-end benchmarks, which JMH divides by the iteration's time:
 * {@code images} becomes images per second, and {@code waitMicros} — the microseconds the consumer
 * spent waiting for a batch — becomes microseconds waited per second, so {@code waitMicros / 10⁴}
 * is the input stall in percent. Per thread; JMH sums threads.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Counters {
  /** Images delivered in this iteration. */
  public long images;

  /** Microseconds the consumer waited for batches in this iteration. */
  public long waitMicros;

  /** Zeroes the counts before each iteration. */
  @Setup(Level.Iteration)
  public void reset() {
    images = 0;
    waitMicros = 0;
  }

  void waited(long startNanos) {
    waitMicros += (System.nanoTime() - startNanos) / 1000;
  }
}

package dev.stoker.pipeline;

import dev.stoker.core.error.SampleError;
import java.util.List;

/**
 * A snapshot of a pipeline's counters, taken by {@link Pipeline#metrics()} at any time from any
 * thread. Durations are totals since the pipeline started; compare two snapshots for a window.
 *
 * @param samplesDelivered samples handed to the consumer
 * @param batchesDelivered batches handed to the consumer
 * @param consumingNanos time since the consumer's first call of {@code next()} or {@code hasNext()}
 * @param waitNanos time the consumer spent blocked in {@code next()} and {@code hasNext()}
 * @param readNanos time the reader spent opening, reading and copying samples
 * @param processNanos time the workers spent processing samples, summed over workers
 * @param ringOccupied samples published to the ring and not yet processed
 * @param ringSlots the ring's capacity
 * @param slabsInUse slabs being filled, ready, or held by the consumer
 * @param slabs the slab count
 * @param skipped samples that were bad and replaced under the skip policy
 * @param errors the first skipped samples' errors
 * @param memoryUsed off-heap bytes held now
 * @param memoryPeak the most off-heap bytes held at once
 * @param memoryLimit the pipeline's off-heap limit
 * @param workers the decode workers running now (with {@link PipelineOptions#AUTO}, the autotuner's
 *     latest choice)
 * @param prefetchBatches the batches that may be prepared ahead now
 * @param tuning the autotuner's decisions so far, oldest first (at most the last 64); empty for
 *     fixed options
 */
public record PipelineMetrics(
    long samplesDelivered,
    long batchesDelivered,
    long consumingNanos,
    long waitNanos,
    long readNanos,
    long processNanos,
    long ringOccupied,
    int ringSlots,
    int slabsInUse,
    int slabs,
    long skipped,
    List<SampleError> errors,
    long memoryUsed,
    long memoryPeak,
    long memoryLimit,
    int workers,
    int prefetchBatches,
    List<TuningDecision> tuning) {

  /** Copies the decision list, so the snapshot stays as taken. */
  public PipelineMetrics {
    tuning = List.copyOf(tuning);
  }

  /**
   * Returns samples delivered per second of consuming time.
   *
   * @return images per second, or 0 before the first batch
   */
  public double imagesPerSecond() {
    return consumingNanos == 0 ? 0 : samplesDelivered * 1e9 / consumingNanos;
  }

  /**
   * Returns the input stall: the share of the consumer's time spent waiting for a batch. Near 0
   * means the pipeline keeps up; near 1 means the consumer mostly waits.
   *
   * @return the stall, in [0, 1]
   */
  public double inputStall() {
    return consumingNanos == 0 ? 0 : Math.min(1.0, (double) waitNanos / consumingNanos);
  }
}

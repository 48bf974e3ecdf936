package dev.stoker.tensorflow.monitor;

import dev.stoker.pipeline.PipelineMetrics;
import java.util.Map;

/**
 * How the input pipeline served one window of training, usually an epoch: measured from two {@link
 * PipelineMetrics} snapshots by {@link InputMeter}.
 *
 * @param images the samples the pipeline delivered in the window
 * @param imagesPerSecond delivered samples per second of the consumer's time in the window
 * @param inputStall the share of the consumer's time spent waiting for a batch, in {@code [0, 1]}:
 *     near 0 the pipeline keeps up, near 1 the training loop starves
 * @param seconds the window's wall time
 */
public record InputStats(long images, double imagesPerSecond, double inputStall, double seconds) {
  /** The metric name of {@link #imagesPerSecond()} in a {@link History}. */
  public static final String IMAGES_PER_SECOND = "images_per_second";

  /** The metric name of {@link #inputStall()} in a {@link History}. */
  public static final String INPUT_STALL = "input_stall";

  /**
   * Computes the statistics between two snapshots of one pipeline.
   *
   * @param before the snapshot at the window's start
   * @param after the snapshot at its end
   * @param seconds the window's wall time
   * @return the statistics; zero rates when the consumer spent no time
   */
  public static InputStats between(PipelineMetrics before, PipelineMetrics after, double seconds) {
    long images = after.samplesDelivered() - before.samplesDelivered();
    long consuming = after.consumingNanos() - before.consumingNanos();
    long waiting = after.waitNanos() - before.waitNanos();
    if (consuming <= 0) {
      return new InputStats(images, 0, 0, seconds);
    }
    return new InputStats(
        images, images * 1e9 / consuming, Math.clamp((double) waiting / consuming, 0, 1), seconds);
  }

  /**
   * Adds {@link #IMAGES_PER_SECOND} and {@link #INPUT_STALL} to an epoch's metrics.
   *
   * @param logs the epoch's metrics, changed in place
   * @return {@code logs}
   */
  public Map<String, Double> addTo(Map<String, Double> logs) {
    logs.put(IMAGES_PER_SECOND, imagesPerSecond);
    logs.put(INPUT_STALL, inputStall);
    return logs;
  }
}

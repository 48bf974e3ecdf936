package dev.stoker.tensorflow.monitor;

import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineMetrics;

/**
 * Measures how a pipeline served a window of training: start it before the epoch's first batch,
 * stop it after the last.
 *
 * <pre>{@code
 * InputMeter meter = InputMeter.start(pipeline);
 * ... train on the epoch's batches ...
 * InputStats input = meter.stop();   // images/s and input stall of this epoch only
 * }</pre>
 *
 * <p><b>Threading.</b> Any thread; the pipeline's metrics are snapshots safe to take from any
 * thread.
 */
public final class InputMeter {
  private final Pipeline pipeline;
  private final PipelineMetrics before;
  private final long startNanos;

  private InputMeter(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.before = pipeline.metrics();
    this.startNanos = System.nanoTime();
  }

  /**
   * Starts a window.
   *
   * @param pipeline the pipeline the training loop takes batches from
   * @return the meter
   */
  public static InputMeter start(Pipeline pipeline) {
    return new InputMeter(pipeline);
  }

  /**
   * Ends the window; the meter may be stopped again for a longer window from the same start.
   *
   * @return the window's statistics
   */
  public InputStats stop() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return InputStats.between(before, pipeline.metrics(), seconds);
  }
}

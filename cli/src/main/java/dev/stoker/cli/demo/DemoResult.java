package dev.stoker.cli.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What a demo run produced.
 *
 * @param history one entry per epoch
 * @param test the test pass after the last epoch
 * @param trainEvents the training run's TensorBoard event file
 * @param validationEvents the validation run's TensorBoard event file
 * @param chart the PNG chart
 * @param report the HTML report
 */
record DemoResult(
    List<EpochResult> history,
    PassResult test,
    Path trainEvents,
    Path validationEvents,
    Path chart,
    Path report) {
  /** Copies the history. */
  DemoResult {
    history = List.copyOf(history);
  }
}

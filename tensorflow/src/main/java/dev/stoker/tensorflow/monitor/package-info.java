/**
 * Training monitoring for a TensorFlow Java loop fed by Stoker, as a Keras user knows it from
 * {@code model.fit}: a {@link dev.stoker.tensorflow.monitor.History} of per-epoch metrics, a
 * TensorBoard log ({@link dev.stoker.tensorflow.monitor.TensorBoardLog}, event files of
 * TensorFlow's own {@code Event} protos), the history chart as a PNG ({@link
 * dev.stoker.tensorflow.monitor.HistoryChart}) and the per-epoch line ({@link
 * dev.stoker.tensorflow.monitor.EpochLine}), which adds what Keras cannot know: the input
 * pipeline's images per second and input stall ({@link dev.stoker.tensorflow.monitor.InputMeter}).
 *
 * <pre>{@code
 * History history = new History();
 * try (TensorBoardLog log = TensorBoardLog.create(Path.of("logs"))) {
 *   for (int epoch = 0; epoch < epochs; epoch++) {
 *     InputMeter meter = InputMeter.start(pipeline);
 *     Map<String, Double> logs = trainOneEpoch(pipeline);   // loss, accuracy, val_loss, ...
 *     InputStats input = meter.stop();
 *     input.addTo(logs);
 *     history.record(logs);
 *     log.write(epoch, logs);
 *     System.out.println(EpochLine.format(epoch, epochs, logs, input.seconds()));
 *   }
 * }
 * HistoryChart.write(history, Path.of("history.png"));
 * }</pre>
 */
@NullMarked
package dev.stoker.tensorflow.monitor;

import org.jspecify.annotations.NullMarked;

package dev.stoker.tensorflow.monitor;

import dev.stoker.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-epoch metrics of a training run, as Keras' {@code History.history}: one map per epoch
 * from a metric's name to its value, in the order the epochs were recorded.
 *
 * <p>Names follow Keras: {@code loss}, {@code accuracy}, and {@code val_loss}, {@code val_accuracy}
 * for the validation pass. Stoker adds {@link InputStats#IMAGES_PER_SECOND} and {@link
 * InputStats#INPUT_STALL}, which say whether the input pipeline kept up. {@link HistoryChart} draws
 * a history, {@link TensorBoardLog} writes it for TensorBoard and {@link EpochLine} prints it.
 *
 * <pre>{@code
 * History history = new History();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   Map<String, Double> logs = ...;        // loss, accuracy, val_loss, val_accuracy
 *   history.record(logs);
 * }
 * double[] loss = history.values("loss");  // one value per epoch
 * }</pre>
 *
 * <p><b>Threading.</b> Not thread-safe: record and read from one thread, or guard it.
 */
public final class History {
  /** The prefix Keras gives the validation pass's metrics. */
  public static final String VALIDATION_PREFIX = "val_";

  private final List<Map<String, Double>> epochs = new ArrayList<>();

  /** Creates an empty history. */
  public History() {}

  /**
   * Records the next epoch's metrics.
   *
   * @param logs each metric's name and value; copied, in its iteration order
   * @throws IllegalArgumentException when a name is empty
   */
  public void record(Map<String, Double> logs) {
    for (String name : logs.keySet()) {
      Checks.require(!name.isEmpty(), "metric name", name, "non-empty");
    }
    epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(logs)));
  }

  /**
   * Returns how many epochs were recorded.
   *
   * @return the count
   */
  public int epochs() {
    return epochs.size();
  }

  /**
   * Returns one epoch's metrics.
   *
   * @param epoch the epoch, from 0
   * @return the metrics, unmodifiable
   * @throws IndexOutOfBoundsException when no such epoch was recorded
   */
  public Map<String, Double> epoch(int epoch) {
    return epochs.get(epoch);
  }

  /**
   * Returns every metric's name, in the order first recorded.
   *
   * @return the names
   */
  public Set<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Double> e : epochs) {
      names.addAll(e.keySet());
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * Returns one metric over the epochs, as {@code history.history["loss"]} in Keras.
   *
   * @param metric the metric's name
   * @return one value per epoch, {@link Double#NaN} where an epoch lacks the metric
   */
  public double[] values(String metric) {
    double[] values = new double[epochs.size()];
    Arrays.fill(values, Double.NaN);
    for (int i = 0; i < values.length; i++) {
      Double v = epochs.get(i).get(metric);
      if (v != null) {
        values[i] = v;
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "History" + epochs;
  }
}

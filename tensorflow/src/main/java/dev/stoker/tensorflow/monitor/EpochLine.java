package dev.stoker.tensorflow.monitor;

import java.util.Locale;
import java.util.Map;

/**
 * The line printed after each epoch, Keras' progress line plus what only Stoker knows: how fast the
 * input pipeline delivered and how much of the epoch the loop waited for it.
 *
 * <pre>
 * epoch  3/10  loss 0.4123  accuracy 0.861  val_loss 0.5012  val_accuracy 0.824   2210 images/s  input stall  1.3%  4.2 s
 * </pre>
 *
 * <p>Every metric is printed as {@code name value} in the map's order, except {@link
 * InputStats#IMAGES_PER_SECOND} and {@link InputStats#INPUT_STALL}, which close the line in their
 * own units.
 */
public final class EpochLine {
  private EpochLine() {}

  /**
   * Formats one epoch.
   *
   * @param epoch the epoch, from 0 (printed from 1, as Keras, right-aligned to at least two digits)
   * @param epochs how many epochs the run has
   * @param logs the epoch's metrics
   * @param seconds the epoch's training time
   * @return the line, without a line separator
   */
  public static String format(int epoch, int epochs, Map<String, Double> logs, double seconds) {
    int digits = Math.max(2, Integer.toString(epochs).length());
    StringBuilder line =
        new StringBuilder(
            String.format(Locale.ROOT, "epoch %" + digits + "d/%d", epoch + 1, epochs));
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      String name = e.getKey();
      if (name.equals(InputStats.IMAGES_PER_SECOND) || name.equals(InputStats.INPUT_STALL)) {
        continue;
      }
      double v = e.getValue();
      String format = name.endsWith("loss") ? "  %s %.4f" : "  %s %.3f";
      line.append(String.format(Locale.ROOT, format, name, v));
    }
    Double rate = logs.get(InputStats.IMAGES_PER_SECOND);
    if (rate != null) {
      line.append(String.format(Locale.ROOT, "  %6.0f images/s", rate));
    }
    Double stall = logs.get(InputStats.INPUT_STALL);
    if (stall != null) {
      line.append(String.format(Locale.ROOT, "  input stall %4.1f%%", 100 * stall));
    }
    line.append(String.format(Locale.ROOT, "  %.1f s", seconds));
    return line.toString();
  }
}

package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Zooms about the image centre by factors drawn independently for each axis, uniformly from {@code
 * [min, max]}: Keras' {@code zoom_range = [min, max]}. As in Keras, a factor scales the coordinates
 * at which the source is sampled, so a factor below 1 magnifies and above 1 shrinks (with the
 * uncovered border filled by the augmentation's {@link FillMode}).
 *
 * @param min the smallest factor, positive
 * @param max the largest factor, at least {@code min}
 */
public record RandomZoom(double min, double max) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when the range is empty or not positive
   */
  public RandomZoom {
    Checks.require(min > 0 && Double.isFinite(min), "min", min, "finite and > 0");
    Checks.require(max >= min && Double.isFinite(max), "max", max, "finite and >= min=" + min);
  }

  /**
   * Returns Keras' symmetric range {@code [1 − range, 1 + range]}.
   *
   * @param range the zoom range, in {@code [0, 1)}
   * @return the operation
   */
  public static RandomZoom of(double range) {
    Checks.require(range >= 0 && range < 1, "range", range, "in [0, 1)");
    return new RandomZoom(1 - range, 1 + range);
  }
}

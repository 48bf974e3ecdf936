package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Shifts the image by a fraction of its size drawn uniformly from {@code [−widthFraction,
 * widthFraction]} horizontally and {@code [−heightFraction, heightFraction]} vertically: Keras'
 * {@code width_shift_range} and {@code height_shift_range} given as fractions. Uncovered pixels are
 * filled by the augmentation's {@link FillMode}.
 *
 * @param widthFraction the largest horizontal shift, as a fraction of the width, in {@code [0, 1]}
 * @param heightFraction the largest vertical shift, as a fraction of the height, in {@code [0, 1]}
 */
public record RandomShift(double widthFraction, double heightFraction) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when a fraction is outside {@code [0, 1]}
   */
  public RandomShift {
    Checks.require(
        widthFraction >= 0 && widthFraction <= 1, "widthFraction", widthFraction, "in [0, 1]");
    Checks.require(
        heightFraction >= 0 && heightFraction <= 1, "heightFraction", heightFraction, "in [0, 1]");
  }
}

package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Shears the image about its centre by an angle drawn uniformly from {@code [−maxDegrees,
 * maxDegrees]}: Keras' {@code shear_range} (in degrees, counter-clockwise). Uncovered pixels are
 * filled by the augmentation's {@link FillMode}.
 *
 * @param maxDegrees the largest shear angle either way, in {@code [0, 80]}
 */
public record RandomShear(double maxDegrees) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when the angle is outside {@code [0, 80]}
   */
  public RandomShear {
    Checks.require(maxDegrees >= 0 && maxDegrees <= 80, "maxDegrees", maxDegrees, "in [0, 80]");
  }
}

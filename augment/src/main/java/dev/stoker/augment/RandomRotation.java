package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Rotates the image about its centre by an angle drawn uniformly from {@code [−maxDegrees,
 * maxDegrees]}: Keras' {@code rotation_range}. Pixels that come from outside the image are filled
 * by the augmentation's {@link FillMode}.
 *
 * @param maxDegrees the largest rotation either way, in {@code [0, 180]}
 */
public record RandomRotation(double maxDegrees) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when the angle is outside {@code [0, 180]}
   */
  public RandomRotation {
    Checks.require(maxDegrees >= 0 && maxDegrees <= 180, "maxDegrees", maxDegrees, "in [0, 180]");
  }
}

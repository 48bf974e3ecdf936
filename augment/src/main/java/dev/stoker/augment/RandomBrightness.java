package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Multiplies every channel by a factor drawn uniformly from {@code [min, max]}: Keras' {@code
 * ImageDataGenerator(brightness_range=[min, max])}, the asymmetric multiplicative form (PIL's
 * {@code ImageEnhance.Brightness}). Values are clamped to {@code [0, 255]} once, after the whole
 * colour step. {@link ColorJitter}'s brightness is the symmetric {@code [1 − b, 1 + b]} form; the
 * two multiply when both are present.
 *
 * @param min the smallest factor, at least 0
 * @param max the largest factor, at least {@code min}
 */
public record RandomBrightness(double min, double max) implements Operation {
  /**
   * Validates the range.
   *
   * @throws IllegalArgumentException unless {@code 0 <= min <= max}, both finite
   */
  public RandomBrightness {
    Checks.require(min >= 0 && Double.isFinite(min), "min", min, "finite and >= 0");
    Checks.require(max >= min && Double.isFinite(max), "max", max, "finite and >= min=" + min);
  }
}

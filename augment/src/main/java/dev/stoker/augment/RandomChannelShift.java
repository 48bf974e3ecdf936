package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Adds one value, drawn uniformly from {@code [−range, range]}, to every channel of an image:
 * Keras' {@code ImageDataGenerator(channel_shift_range=range)}, in byte units. Keras clips the
 * result to the image's own minimum and maximum; Stoker clamps to {@code [0, 255]} once, after the
 * whole colour step. Applied before {@link RandomBrightness}, as Keras does.
 *
 * @param range the largest shift either way, in {@code [0, 255]}
 */
public record RandomChannelShift(double range) implements Operation {
  /**
   * Validates the range.
   *
   * @throws IllegalArgumentException unless {@code range} is in {@code [0, 255]}
   */
  public RandomChannelShift {
    Checks.require(range >= 0 && range <= 255, "range", range, "in [0, 255]");
  }
}

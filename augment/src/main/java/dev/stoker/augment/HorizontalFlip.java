package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Mirrors the image left to right with probability {@code probability}: torchvision's {@code
 * RandomHorizontalFlip}, Keras' {@code horizontal_flip=True} at 0.5.
 *
 * @param probability the chance of a flip, in {@code [0, 1]}
 */
public record HorizontalFlip(double probability) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when the probability is outside {@code [0, 1]}
   */
  public HorizontalFlip {
    Checks.require(probability >= 0 && probability <= 1, "probability", probability, "in [0, 1]");
  }
}

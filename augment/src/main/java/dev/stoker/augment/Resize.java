package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Resizes the current image to a fixed size, ignoring its aspect ratio: Keras' {@code target_size}
 * and {@code tf.image.resize} to an explicit shape.
 *
 * @param height the output height in pixels
 * @param width the output width in pixels
 */
public record Resize(int height, int width) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public Resize {
    Checks.positive("height", height);
    Checks.positive("width", width);
  }
}

package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Takes the central {@code height × width} pixels of the current image, as torchvision's {@code
 * CenterCrop}: the top-left corner is at {@code round((H − height) / 2), round((W − width) / 2)},
 * rounding half to even.
 *
 * <p>A crop larger than the image reaches past its edges, where samples repeat the nearest edge
 * pixel (torchvision pads with zeros instead).
 *
 * @param height the crop height in pixels
 * @param width the crop width in pixels
 */
public record CenterCrop(int height, int width) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public CenterCrop {
    Checks.positive("height", height);
    Checks.positive("width", width);
  }

  /**
   * Returns a square centre crop.
   *
   * @param size the side in pixels
   * @return the operation
   */
  public static CenterCrop of(int size) {
    return new CenterCrop(size, size);
  }
}

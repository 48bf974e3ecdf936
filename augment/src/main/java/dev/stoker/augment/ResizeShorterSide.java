package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Resizes the current image so that its shorter side is {@code size} pixels, keeping the aspect
 * ratio, as torchvision's {@code Resize(int)}: the longer side becomes {@code floor(size · long /
 * short)}.
 *
 * <p>The resulting size depends on the image, so this operation must be followed by one that fixes
 * the size, usually {@link CenterCrop}: {@code ResizeShorterSide(256)} then {@code CenterCrop(224)}
 * is the standard evaluation transform. Only the plan changes here; no pixel is resampled twice.
 *
 * @param size the length of the shorter side after resizing
 */
public record ResizeShorterSide(int size) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when the size is not positive
   */
  public ResizeShorterSide {
    Checks.positive("size", size);
  }
}

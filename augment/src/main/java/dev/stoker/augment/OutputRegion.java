package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * The rectangle of the output image that a {@link GeometryPlan}'s window is resampled into; output
 * pixels outside it are padding (see {@link ResizeWithPad}). Without padding it is the whole
 * output.
 *
 * @param x the left column
 * @param y the top row
 * @param width the width in pixels, positive
 * @param height the height in pixels, positive
 */
public record OutputRegion(int x, int y, int width, int height) {
  /**
   * Validates the region.
   *
   * @throws IllegalArgumentException when a corner is negative or a size is not positive
   */
  public OutputRegion {
    Checks.require(x >= 0, "x", x, ">= 0");
    Checks.require(y >= 0, "y", y, ">= 0");
    Checks.positive("width", width);
    Checks.positive("height", height);
  }

  /**
   * Returns the region covering a whole output.
   *
   * @param width the output width
   * @param height the output height
   * @return {@code (0, 0, width, height)}
   */
  public static OutputRegion full(int width, int height) {
    return new OutputRegion(0, 0, width, height);
  }

  /**
   * Tells whether this region covers a whole output of the given size.
   *
   * @param outputWidth the output width
   * @param outputHeight the output height
   * @return true when there is no padding
   */
  public boolean covers(int outputWidth, int outputHeight) {
    return x == 0 && y == 0 && width == outputWidth && height == outputHeight;
  }
}

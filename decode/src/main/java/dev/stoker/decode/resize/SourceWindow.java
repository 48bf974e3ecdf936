package dev.stoker.decode.resize;

import dev.stoker.core.Checks;

/**
 * The part of a source image that a resize maps onto the whole output: a crop box in source-pixel
 * coordinates, where pixel {@code i} covers {@code [i, i + 1)}.
 *
 * <p>Coordinates are doubles because a crop chosen on the full-size image becomes fractional once
 * the image is decoded at a reduced DCT scale: a 37-pixel offset at scale 1/2 is 18.5. Use {@link
 * #scaled(double, double)} for that. A window may reach past the image; samples there take the
 * value of the nearest edge pixel (or, for {@link ResizeFilter#TRIANGLE}, are left out).
 *
 * @param x the left edge
 * @param y the top edge
 * @param width the width, positive
 * @param height the height, positive
 */
public record SourceWindow(double x, double y, double width, double height) {

  /**
   * Validates the window.
   *
   * @throws IllegalArgumentException when a coordinate is not finite or a size is not positive
   */
  public SourceWindow {
    Checks.require(Double.isFinite(x), "x", x, "finite");
    Checks.require(Double.isFinite(y), "y", y, "finite");
    Checks.require(Double.isFinite(width) && width > 0, "width", width, "finite and > 0");
    Checks.require(Double.isFinite(height) && height > 0, "height", height, "finite and > 0");
  }

  /**
   * Returns the window over a whole image.
   *
   * @param width the image width
   * @param height the image height
   * @return {@code (0, 0, width, height)}
   */
  public static SourceWindow full(int width, int height) {
    return new SourceWindow(0, 0, width, height);
  }

  /**
   * Returns the same box in the coordinates of a scaled copy of the image, as after a DCT decode at
   * scale 1/2. Pass the exact ratios of the scaled to the full size ({@code scaledWidth / (double)
   * width}), which differ slightly from 1/2 when a dimension is odd, since the decoder rounds
   * scaled sizes up.
   *
   * @param scaleX the horizontal scale, positive
   * @param scaleY the vertical scale, positive
   * @return the box with its horizontal coordinates multiplied by {@code scaleX} and its vertical
   *     ones by {@code scaleY}
   */
  public SourceWindow scaled(double scaleX, double scaleY) {
    Checks.require(scaleX > 0 && Double.isFinite(scaleX), "scaleX", scaleX, "finite and > 0");
    Checks.require(scaleY > 0 && Double.isFinite(scaleY), "scaleY", scaleY, "finite and > 0");
    return new SourceWindow(x * scaleX, y * scaleY, width * scaleX, height * scaleY);
  }
}

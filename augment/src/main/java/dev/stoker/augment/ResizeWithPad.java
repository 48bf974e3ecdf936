package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Resizes the current image to fit inside a fixed size without distorting it, and fills the rest
 * with black: Keras' {@code pad_to_aspect_ratio=True} ({@code keras.ops.image.resize}, used by
 * {@code image_dataset_from_directory}).
 *
 * <p>Keras pads the {@code H × W} image with zero rows (or columns) to the output's aspect ratio,
 * the same number {@code p} on both sides, and resizes the padded image; with an output of {@code h
 * × w}: {@code p = (max(H, int(W·h/w)) − H) / 2} rows, rounded down (or the same for columns with
 * {@code int(H·w/h)}). Here the output pixels whose centres fall on the image inside that padded
 * frame are resampled from the image at exactly Keras' sample points, and the others are black:
 * value 0 before the augmentation's colour and normalisation. Every pixel equals Keras' except, on
 * each padded side, the one row or column whose sample point lies within a pixel of the image's
 * edge, where Keras blends the edge with the zero padding and Stoker takes the nearer of the two.
 *
 * <p>It must be the last sizing operation.
 *
 * @param height the output height in pixels
 * @param width the output width in pixels
 */
public record ResizeWithPad(int height, int width) implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public ResizeWithPad {
    Checks.positive("height", height);
    Checks.positive("width", width);
  }

  /**
   * Returns the zero rows Keras adds above (and below) an image, or the zero columns left (and
   * right) when called with the axes swapped.
   *
   * @param size the image's size along the padded axis (its height, for rows)
   * @param across the image's size along the other axis (its width, for rows)
   * @param outSize the output's size along the padded axis
   * @param outAcross the output's size along the other axis
   * @return the padding on each side, 0 when the axis needs none
   */
  static int padding(int size, int across, int outSize, int outAcross) {
    // Keras: tf.cast(tf.cast(across * outSize, float32) / outAcross, int32), then max, then half.
    int padded = Math.max(size, (int) ((float) ((long) across * outSize) / outAcross));
    return (padded - size) / 2;
  }
}

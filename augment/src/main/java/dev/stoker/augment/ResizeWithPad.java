package dev.stoker.augment;

import dev.stoker.core.Checks;

/**
 * Resizes the current image to fit inside a fixed size without distorting it, centred, and fills
 * the rest with black: Keras' {@code pad_to_aspect_ratio=True} in {@code
 * image_dataset_from_directory}, which calls {@code tf.image.resize_with_pad}.
 *
 * <p>As TensorFlow computes it, in float32: {@code ratio = max(W / w, H / h)} for an {@code H × W}
 * image and an {@code h × w} output; the image is resized whole to {@code floor(H / ratio) ×
 * floor(W / ratio)} (at least 1 × 1) and placed {@code floor((h − H / ratio) / 2)} rows from the
 * top and {@code floor((w − W / ratio) / 2)} columns from the left; every other output pixel is 0
 * before the augmentation's colour and normalisation. With the bilinear filter the result equals
 * TensorFlow's {@code resize_with_pad(method="bilinear")} (Keras' default interpolation).
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
   * Returns where the resized image sits in the output, as {@code tf.image.resize_with_pad}
   * computes it.
   *
   * @param imageWidth the current image's width
   * @param imageHeight the current image's height
   * @return the region of the output the image is resized into
   */
  OutputRegion region(int imageWidth, int imageHeight) {
    float ratio = Math.max((float) imageWidth / width, (float) imageHeight / height);
    float resizedHeight = imageHeight / ratio;
    float resizedWidth = imageWidth / ratio;
    int h = Math.min(height, Math.max(1, (int) Math.floor(resizedHeight)));
    int w = Math.min(width, Math.max(1, (int) Math.floor(resizedWidth)));
    int top = Math.max(0, (int) Math.floor((height - resizedHeight) / 2f));
    int left = Math.max(0, (int) Math.floor((width - resizedWidth) / 2f));
    return new OutputRegion(Math.min(left, width - w), Math.min(top, height - h), w, h);
  }
}

package dev.stoker.decode.resize;

/**
 * How the {@link Resizer} computes an output pixel from the source pixels around it.
 *
 * <p>Every filter maps output pixel centres onto the source the same way, with half-pixel centres:
 * output column {@code x} of {@code outWidth} over a source window starting at {@code wx} with
 * width {@code ww} samples the source at {@code wx + (x + 0.5) × ww / outWidth}, in a coordinate
 * system where source pixel {@code i} covers {@code [i, i + 1)} and has its centre at {@code i +
 * 0.5}.
 */
public enum ResizeFilter {
  /**
   * Bilinear interpolation between the four nearest source pixels, with no antialiasing: exactly
   * {@code tf.image.resize(method="bilinear", antialias=False)} (TensorFlow's {@code
   * ResizeBilinear} with {@code half_pixel_centers=True}). Coordinates outside the source are
   * clamped to its edge pixels. Over the whole image it reproduces TensorFlow's float32 arithmetic
   * operation for operation. The fast path, and the one to use for training.
   */
  BILINEAR,
  /**
   * The antialiased triangle filter: {@code tf.image.resize(method="bilinear", antialias=True)}.
   * When shrinking by a factor {@code s > 1} the triangle widens to a radius of {@code s} source
   * pixels, so every source pixel contributes and fine detail averages out (an area-like downscale
   * without aliasing); when enlarging it is plain bilinear. Source pixels outside the image are
   * left out and the remaining weights renormalised. Slower than {@link #BILINEAR}.
   */
  TRIANGLE,
  /**
   * The nearest source pixel: the one whose cell {@code [i, i + 1)} contains the sample point,
   * clamped to the image.
   */
  NEAREST
}

package dev.stoker.decode.resize;

import dev.stoker.core.Checks;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An affine map of RGB colours: {@code out = M · in + b}, with {@code M} a 3×3 matrix and {@code b}
 * three offsets, on values in the 0..255 pixel scale.
 *
 * <p>Brightness, contrast, saturation and hue changes are all affine in RGB (hue as a rotation
 * about the gray axis), so any sequence of them composes, with {@link #andThen(ColorTransform)},
 * into one transform that the {@link Resizer} applies in the same pass that resamples the pixel:
 *
 * <pre>{@code
 * ColorTransform jitter = brightness.andThen(contrast).andThen(saturation);
 * ResizeSpec spec = ResizeSpec.builder().color(jitter).build();
 * }</pre>
 *
 * <p>Unlike applying the operations one by one, a fused transform does not clamp between steps.
 * Instances are immutable; the accessors return copies.
 */
public final class ColorTransform {
  private static final ColorTransform IDENTITY =
      new ColorTransform(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[3]);

  private final float[] matrix;
  private final float[] offsets;

  private ColorTransform(float[] matrix, float[] offsets) {
    this.matrix = matrix;
    this.offsets = offsets;
  }

  /**
   * Returns the transform that changes nothing.
   *
   * @return the identity
   */
  public static ColorTransform identity() {
    return IDENTITY;
  }

  /**
   * Creates a transform from a row-major matrix and offsets: {@code out[r] = Σc matrix[3r + c] ·
   * in[c] + offsets[r]}.
   *
   * @param matrix nine finite coefficients, row-major
   * @param offsets three finite offsets
   * @return the transform
   * @throws IllegalArgumentException when a length is wrong or a value is not finite
   */
  public static ColorTransform of(float[] matrix, float[] offsets) {
    Checks.require(matrix.length == 9, "matrix.length", matrix.length, "9");
    Checks.require(offsets.length == 3, "offsets.length", offsets.length, "3");
    for (float v : matrix) {
      Checks.require(Float.isFinite(v), "matrix", Arrays.toString(matrix), "finite values");
    }
    for (float v : offsets) {
      Checks.require(Float.isFinite(v), "offsets", Arrays.toString(offsets), "finite values");
    }
    return new ColorTransform(matrix.clone(), offsets.clone());
  }

  /**
   * Returns the transform that applies this one, then {@code next}.
   *
   * @param next the transform applied second
   * @return {@code next ∘ this}: matrix {@code Mn·M}, offsets {@code Mn·b + bn}
   */
  public ColorTransform andThen(ColorTransform next) {
    float[] m = new float[9];
    float[] b = new float[3];
    for (int r = 0; r < 3; r++) {
      double off = next.offsets[r];
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += (double) next.matrix[3 * r + k] * matrix[3 * k + c];
        }
        m[3 * r + c] = (float) sum;
        off += (double) next.matrix[3 * r + c] * offsets[c];
      }
      b[r] = (float) off;
    }
    return new ColorTransform(m, b);
  }

  /**
   * Tells whether this transform changes nothing, so that the resizer can skip it.
   *
   * @return true for the identity matrix with zero offsets
   */
  public boolean isIdentity() {
    return Arrays.equals(matrix, IDENTITY.matrix) && Arrays.equals(offsets, IDENTITY.offsets);
  }

  /**
   * Returns the matrix.
   *
   * @return a copy of the nine coefficients, row-major
   */
  public float[] matrix() {
    return matrix.clone();
  }

  /**
   * Returns the offsets.
   *
   * @return a copy of the three offsets
   */
  public float[] offsets() {
    return offsets.clone();
  }

  float m(int i) {
    return matrix[i];
  }

  float b(int i) {
    return offsets[i];
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ColorTransform t
        && Arrays.equals(matrix, t.matrix)
        && Arrays.equals(offsets, t.offsets);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(matrix) + Arrays.hashCode(offsets);
  }

  @Override
  public String toString() {
    return "ColorTransform[matrix="
        + Arrays.toString(matrix)
        + ", offsets="
        + Arrays.toString(offsets)
        + "]";
  }
}

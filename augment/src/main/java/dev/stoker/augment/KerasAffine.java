package dev.stoker.augment;

/**
 * The affine part of Keras' {@code ImageDataGenerator} ({@code random_transform} and {@code
 * apply_affine_transform}), turned into an {@link AffineMap} in this module's coordinates.
 *
 * <p>Keras works in (row, column) pixel indices about the centre {@code (h/2 − 0.5, w/2 − 0.5)}:
 * the input point of output point {@code p} is {@code R(θ)·S(tx, ty)·Sh(φ)·Z(zx, zy)·p}, with
 *
 * <pre>
 *   R  = [[cos θ, −sin θ], [sin θ, cos θ]]     S = translation by (tx rows, ty columns)
 *   Sh = [[1, −sin φ], [0, cos φ]]               Z = [[zx, 0], [0, zy]]
 * </pre>
 *
 * The linear part is {@code L = R·Sh·Z} and the translation {@code R·(tx, ty)}. In half-pixel
 * {@code (x, y) = (column + 0.5, row + 0.5)} coordinates the centre is {@code (w/2, h/2)} and the
 * two axes swap.
 */
final class KerasAffine {
  private KerasAffine() {}

  static AffineMap inverseMap(
      int width,
      int height,
      double degrees,
      double shiftRows,
      double shiftColumns,
      double shearDegrees,
      double zx,
      double zy) {
    double theta = Math.toRadians(degrees);
    double phi = Math.toRadians(shearDegrees);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double l00 = cos * zx;
    double l01 = (-cos * Math.sin(phi) - sin * Math.cos(phi)) * zy;
    double l10 = sin * zx;
    double l11 = (-sin * Math.sin(phi) + cos * Math.cos(phi)) * zy;
    double trow = cos * shiftRows - sin * shiftColumns;
    double tcol = sin * shiftRows + cos * shiftColumns;
    double cx = width / 2.0;
    double cy = height / 2.0;
    // x = column, y = row: x' = cx + l11·(x − cx) + l10·(y − cy) + tcol, and likewise for y'.
    return new AffineMap(
        l11, l10, cx + tcol - l11 * cx - l10 * cy, l01, l00, cy + trow - l01 * cx - l00 * cy);
  }
}

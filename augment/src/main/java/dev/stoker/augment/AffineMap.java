package dev.stoker.augment;

/**
 * A 2-D affine map of pixel coordinates, {@code x' = a·x + b·y + c}, {@code y' = d·x + e·y + f}, in
 * the continuous coordinates where pixel {@code (i, j)} covers {@code [i, i + 1) × [j, j + 1)} and
 * has its centre at {@code (i + 0.5, j + 0.5)}.
 *
 * <p>Plans use it for the inverse map of a warp: from a pixel of the output to the point of the
 * input image it is sampled from.
 *
 * @param a the x coefficient of x'
 * @param b the y coefficient of x'
 * @param c the constant of x'
 * @param d the x coefficient of y'
 * @param e the y coefficient of y'
 * @param f the constant of y'
 */
public record AffineMap(double a, double b, double c, double d, double e, double f) {

  /** The map that changes nothing. */
  public static final AffineMap IDENTITY = new AffineMap(1, 0, 0, 0, 1, 0);

  /**
   * Returns the map that applies {@code inner} first, then this one.
   *
   * @param inner the map applied first
   * @return {@code this ∘ inner}
   */
  public AffineMap compose(AffineMap inner) {
    return new AffineMap(
        a * inner.a + b * inner.d,
        a * inner.b + b * inner.e,
        a * inner.c + b * inner.f + c,
        d * inner.a + e * inner.d,
        d * inner.b + e * inner.e,
        d * inner.c + e * inner.f + f);
  }

  /**
   * Maps the x coordinate of a point.
   *
   * @param x the point's x
   * @param y the point's y
   * @return {@code a·x + b·y + c}
   */
  public double x(double x, double y) {
    return a * x + b * y + c;
  }

  /**
   * Maps the y coordinate of a point.
   *
   * @param x the point's x
   * @param y the point's y
   * @return {@code d·x + e·y + f}
   */
  public double y(double x, double y) {
    return d * x + e * y + f;
  }
}

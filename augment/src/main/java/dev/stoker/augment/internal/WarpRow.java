package dev.stoker.augment.internal;

/**
 * The working arrays of one output row of a {@link FoldedWarp}: per pixel the four source taps (the
 * little-endian int at each tap's first byte: red in the low byte, then green, then blue), the two
 * fractions, and after {@link WarpKernel#blend} the three channel levels, one plane each. Sized to
 * a whole number of vector blocks, so a kernel may compute past the row's end.
 *
 * <p>Owned by one {@link FoldedWarp}; not thread-safe.
 */
final class WarpRow {
  /** Arrays are a multiple of this many pixels long: 64 lanes covers every vector shape. */
  static final int BLOCK = 64;

  int[] t00 = new int[0];
  int[] t01 = new int[0];
  int[] t10 = new int[0];
  int[] t11 = new int[0];
  float[] fx = new float[0];
  int[] offset = new int[0];
  float[] fy = new float[0];
  float[] red = new float[0];
  float[] green = new float[0];
  float[] blue = new float[0];

  /** The pixels {@link FoldedWarp} computes one at a time, in {@code border[0..borderCount)}. */
  int[] border = new int[0];

  int borderCount;

  /** Makes every array hold at least {@code width} pixels, rounded up to a {@link #BLOCK}. */
  void ensure(int width) {
    int n = (width + BLOCK - 1) / BLOCK * BLOCK;
    if (t00.length >= n) {
      return;
    }
    t00 = new int[n];
    t01 = new int[n];
    t10 = new int[n];
    t11 = new int[n];
    fx = new float[n];
    offset = new int[n];
    fy = new float[n];
    red = new float[n];
    green = new float[n];
    blue = new float[n];
    border = new int[n];
  }
}

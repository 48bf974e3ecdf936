package dev.stoker.augment.internal;

import dev.stoker.augment.AffineMap;
import dev.stoker.augment.FillMode;
import dev.stoker.augment.GeometryPlan;
import dev.stoker.decode.resize.ColorTransform;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SampleTarget;
import dev.stoker.decode.resize.SourceWindow;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The bilinear resize and the affine warp of a plan folded into one inverse-mapped pass from the
 * decoded image to the target: output pixel {@code p} reads the source at {@code W(M(p))}, where
 * {@code M} is the plan's {@link GeometryPlan#outputToResized() inverse map} into the resized
 * window and {@code W} places the resized window on the source. No intermediate image exists.
 *
 * <h2>What a pixel is</h2>
 *
 * Let {@code q = M(p)} be the point in the resized image ({@code w × h} pixels) and {@code (i, j)}
 * its four bilinear neighbours on that pixel grid ({@code i = ⌊q.x − 0.5⌋} and {@code i + 1}, the
 * same for rows).
 *
 * <ul>
 *   <li><b>Inside</b> (all four neighbours inside the resized image): the value is the source,
 *       bilinear with edge clamp as {@code tf.image.resize} samples it, at {@code W(q)}. This is
 *       one interpolation where resizing first and warping then would make two; the difference is
 *       that of an image resized once versus resized and then resampled again.
 *   <li><b>Border</b> (a neighbour outside): Keras' rule on the resized pixel grid, as the two-pass
 *       executor does it: each neighbour is the resized pixel (the source sampled at {@code W} of
 *       its centre, rounded to a level) or, outside, what the {@link FillMode} says, and the four
 *       are blended with {@code q}'s fractions.
 * </ul>
 *
 * Every value is rounded to an integer level before the colour transform, the normalisation and the
 * cast, as the two-pass path rounds its 8-bit warped image.
 *
 * <h2>Passes over a row</h2>
 *
 * Each output row is: one scalar loop that maps every pixel and, for an inside pixel, reads its
 * four source taps (two pixels of two rows, as two little-endian ints each) with the fractions; one
 * kernel call ({@link WarpKernel}) that blends all of them and rounds, on the Vector API where the
 * JVM has it; a scalar fix-up of the border pixels; and one kernel call that colours, normalises,
 * casts and stores the row.
 *
 * <p><b>Threading.</b> Not thread-safe: it holds the rows of the image in progress. One per
 * executor. It holds no native memory and needs no closing.
 */
public final class FoldedWarp {
  private static final ValueLayout.OfLong LONG_LE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final WarpKernel best;
  private final WarpKernel plain;
  private final boolean warmUp;
  private WarpKernel kernel; // the kernel of the image in progress
  private final WarpRow row = new WarpRow();
  private final RowMap rowMap = new RowMap();
  private final float[] levels = new float[3];
  private final float[] tap00 = new float[3];
  private final float[] tap01 = new float[3];
  private final float[] tap10 = new float[3];
  private final float[] tap11 = new float[3];
  private final float[] matrix = new float[9];
  private final float[] bias = new float[3];

  // The image in progress.
  private PixelBuffer source = PixelBuffer.packed(MemorySegment.ofArray(new byte[3]), 1, 1, 3);
  private AffineMap toResized = AffineMap.IDENTITY;
  private AffineMap toSource = AffineMap.IDENTITY;
  private int width;
  private int height;
  private FillMode fill = FillMode.CONSTANT;
  private int fillValue;
  private double originX;
  private double originY;
  private double scaleX;
  private double scaleY;

  /**
   * Creates a warp with the fastest kernel this JVM can run. Where that is the vector kernel and
   * the JIT has not compiled it yet, images go through the scalar kernel (same output) while the
   * vector kernel is warmed up (see {@link WarpWarmup}).
   */
  public FoldedWarp() {
    this(WarpKernel.best(), true);
  }

  private FoldedWarp(WarpKernel best, boolean warmUp) {
    this.best = best;
    this.plain = best.vectorised() ? new ScalarWarpKernel() : best;
    this.warmUp = warmUp && best.vectorised();
    this.kernel = this.warmUp ? plain : best;
  }

  /**
   * Creates a warp that uses its fastest kernel from the first image on, warmed up or not: for
   * tests that compare the kernels.
   *
   * @return a new warp
   */
  public static FoldedWarp unwarmed() {
    return new FoldedWarp(WarpKernel.best(), false);
  }

  /**
   * Creates a warp that never uses the Vector API, for comparisons. Its output is bit-identical to
   * that of {@link #FoldedWarp()}.
   *
   * @return a new warp
   */
  public static FoldedWarp scalar() {
    return new FoldedWarp(new ScalarWarpKernel(), false);
  }

  /**
   * Tells whether a plan can run folded: it has an affine warp and the bilinear filter.
   *
   * @param plan the geometry
   * @return true when {@link #prepare} accepts it
   */
  public static boolean canFold(GeometryPlan plan) {
    return plan.warp() != null && plan.filter() == dev.stoker.decode.resize.ResizeFilter.BILINEAR;
  }

  /**
   * Returns whether this warp's best kernel runs on the Vector API, once the JIT has compiled it
   * (until then, images go through the scalar kernel).
   *
   * @return true for the vector kernel
   */
  public boolean vectorised() {
    return best.vectorised();
  }

  /**
   * Starts an image.
   *
   * @param plan a plan that {@link #canFold can fold}, for a source of exactly {@code source}'s
   *     size
   * @param source the decoded image, 1 or 3 channels
   */
  public void prepare(GeometryPlan plan, PixelBuffer source) {
    this.kernel = !warmUp || WarpWarmup.ready() ? best : plain;
    this.source = source;
    this.width = plan.outputWidth();
    this.height = plan.outputHeight();
    this.fill = plan.fillMode();
    this.fillValue = plan.fillValue();
    SourceWindow window = plan.window();
    this.originX = window.x();
    this.originY = window.y();
    this.scaleX = window.width() / width;
    this.scaleY = window.height() / height;
    this.toResized = plan.outputToResized();
    this.toSource = new AffineMap(scaleX, 0, originX, 0, scaleY, originY).compose(toResized);
    row.ensure(width);
  }

  /**
   * Estimates the mean colour of the warped image, fill included, on the grid {@link WindowMean}
   * uses for a window of the output's size.
   *
   * @param mean receives red, green and blue means on the 0..255 scale
   */
  public void mean(double[] mean) {
    int nx = Math.min(WindowMean.GRID, width);
    int ny = Math.min(WindowMean.GRID, height);
    double[] sums = mean;
    sums[0] = 0;
    sums[1] = 0;
    sums[2] = 0;
    for (int j = 0; j < ny; j++) {
      int y = (int) Math.floor((j + 0.5) * height / ny);
      for (int i = 0; i < nx; i++) {
        int x = (int) Math.floor((i + 0.5) * width / nx);
        pixel(x, y, levels);
        for (int c = 0; c < 3; c++) {
          sums[c] += levels[c];
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      mean[c] /= (double) nx * ny;
    }
  }

  /**
   * Writes the prepared image.
   *
   * @param color the colour transform, applied to the rounded levels, with clamping to 0..255
   * @param scales per-channel scales of the normalisation
   * @param offsets per-channel offsets of the normalisation
   * @param target the output, of the plan's output size, 3 channels
   */
  public void write(ColorTransform color, float[] scales, float[] offsets, SampleTarget target) {
    boolean identity = color.isIdentity();
    if (!identity) {
      System.arraycopy(color.matrix(), 0, matrix, 0, 9);
      System.arraycopy(color.offsets(), 0, bias, 0, 3);
    }
    WarpRow r = row;
    for (int y = 0; y < height; y++) {
      mapRow(y);
      kernel.blend(r, width);
      for (int k = 0; k < r.borderCount; k++) {
        int x = r.border[k];
        pixel(x, y, levels);
        r.red[x] = levels[0];
        r.green[x] = levels[1];
        r.blue[x] = levels[2];
      }
      kernel.store(r, width, identity ? null : matrix, bias, scales, offsets, target, y);
    }
  }

  /**
   * Maps every pixel of output row {@code y}: an inside pixel gets its taps and fractions, a border
   * pixel (or any pixel of a gray source) is listed for {@link #pixel}.
   */
  private void mapRow(int y) {
    WarpRow r = row;
    MemorySegment src = source.segment();
    long stride = source.rowStride();
    long last = src.byteSize() - 8; // the highest offset an 8-byte read may start at
    double cy = y + 0.5;
    AffineMap m = toResized;
    AffineMap s = toSource;
    RowMap map = rowMap;
    map.qx0 = (float) m.x(0.5, cy);
    map.qy0 = (float) m.y(0.5, cy);
    map.qdx = (float) m.a();
    map.qdy = (float) m.d();
    map.qxMax = width - 0.5f;
    map.qyMax = height - 0.5f;
    map.px0 = (float) (s.x(0.5, cy) - 0.5);
    map.py0 = (float) (s.y(0.5, cy) - 0.5);
    map.pdx = (float) s.a();
    map.pdy = (float) s.d();
    map.pxMax = source.width() - 1;
    map.pyMax = source.height() - 1;
    map.stride = (int) stride;
    map.last = (int) (last - stride); // the highest offset of the upper tap pair
    if (source.channels() != 3 || stride > last || src.byteSize() > Integer.MAX_VALUE) {
      for (int x = 0; x < width; x++) { // gray, one row, or over 2 GiB: one pixel at a time
        r.border[x] = x;
      }
      r.borderCount = width;
      return;
    }
    r.borderCount = 0;
    kernel.map(r, width, map);
    int[] at = r.offset;
    // The taps: two pixels of the upper row in one 8-byte read, two of the lower in another. A
    // border pixel reads offset 0 and is overwritten by the fix-up.
    for (int x = 0; x < width; x++) {
      long p = at[x];
      long upper = src.get(LONG_LE, p);
      long lower = src.get(LONG_LE, p + stride);
      r.t00[x] = (int) upper;
      r.t01[x] = (int) (upper >>> 24);
      r.t10[x] = (int) lower;
      r.t11[x] = (int) (lower >>> 24);
    }
  }

  /**
   * Computes output pixel {@code (x, y)} one at a time, by the definition in the class comment: the
   * path of border pixels, and of every pixel of a gray source.
   */
  void pixel(int x, int y, float[] out) {
    double cx = x + 0.5;
    double cy = y + 0.5;
    double qx = toResized.x(cx, cy);
    double qy = toResized.y(cx, cy);
    double gx = qx - 0.5;
    double gy = qy - 0.5;
    double fi = Math.floor(gx);
    double fj = Math.floor(gy);
    int i = (int) fi;
    int j = (int) fj;
    if (i >= 0 && j >= 0 && i < width - 1 && j < height - 1) {
      // Inside: the source at W(q), with the same arithmetic as the row path.
      double px = toSource.x(cx, cy) - 0.5;
      double py = toSource.y(cx, cy) - 0.5;
      for (int c = 0; c < 3; c++) {
        out[c] = round(sourceAt(px, py, c));
      }
      return;
    }
    float ax = (float) (gx - fi);
    float ay = (float) (gy - fj);
    int i0 = AffineWarper.resolve(i, width, fill);
    int i1 = AffineWarper.resolve(i + 1, width, fill);
    int j0 = AffineWarper.resolve(j, height, fill);
    int j1 = AffineWarper.resolve(j + 1, height, fill);
    if ((i0 < 0 || j0 < 0) && (i1 < 0 || j0 < 0) && (i0 < 0 || j1 < 0) && (i1 < 0 || j1 < 0)) {
      out[0] = fillValue; // all four taps are the fill constant
      out[1] = fillValue;
      out[2] = fillValue;
      return;
    }
    resized(i0, j0, tap00);
    resized(i1, j0, tap01);
    resized(i0, j1, tap10);
    resized(i1, j1, tap11);
    for (int c = 0; c < 3; c++) {
      float v00 = tap00[c];
      float v01 = tap01[c];
      float v10 = tap10[c];
      float v11 = tap11[c];
      float top = v00 + (v01 - v00) * ax;
      float bottom = v10 + (v11 - v10) * ax;
      out[c] = round(top + (bottom - top) * ay);
    }
  }

  /**
   * Writes the rounded levels of resized pixel {@code (i, j)}, or the fill value for an index of
   * -1.
   */
  private void resized(int i, int j, float[] out) {
    if (i < 0 || j < 0) {
      out[0] = fillValue;
      out[1] = fillValue;
      out[2] = fillValue;
      return;
    }
    double px = originX + (i + 0.5) * scaleX - 0.5;
    double py = originY + (j + 0.5) * scaleY - 0.5;
    for (int c = 0; c < 3; c++) {
      out[c] = round(sourceAt(px, py, c));
    }
  }

  /**
   * The source, bilinear with edge clamp, at {@code (px, py)} in pixel-index coordinates (pixel
   * {@code (0, 0)}'s centre is the origin).
   */
  private float sourceAt(double px, double py, int c) {
    double fx0 = Math.floor(px);
    double fy0 = Math.floor(py);
    float ax = (float) (px - fx0);
    float ay = (float) (py - fy0);
    int x0 = (int) fx0;
    int y0 = (int) fy0;
    int sw = source.width();
    int sh = source.height();
    int xa = clamp(x0, sw);
    int xb = clamp(x0 + 1, sw);
    int ya = clamp(y0, sh);
    int yb = clamp(y0 + 1, sh);
    float v00 = at(xa, ya, c);
    float v01 = at(xb, ya, c);
    float v10 = at(xa, yb, c);
    float v11 = at(xb, yb, c);
    float top = v00 + (v01 - v00) * ax;
    float bottom = v10 + (v11 - v10) * ax;
    return top + (bottom - top) * ay;
  }

  private int at(int x, int y, int c) {
    int channels = source.channels();
    long offset = y * source.rowStride() + (long) x * channels + (channels == 3 ? c : 0);
    return source.segment().get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }

  /** Rounds half up a non-negative value, as the kernels do: {@code (int) (v + 0.5f)}. */
  static float round(float v) {
    return (int) (v + 0.5f);
  }
}

package dev.stoker.augment.internal;

import dev.stoker.decode.resize.KernelWarmup;
import org.jspecify.annotations.Nullable;

/**
 * Brings the vector {@link WarpKernel} to compiled code on a small synthetic row before any image
 * uses it, as the resize kernel's warm-up does for the resizer.
 *
 * <h2>Why</h2>
 *
 * Until the JIT's optimising compiler has compiled it, the Vector API code of the warp kernel runs
 * in Java fallbacks that allocate on every operation, so the first augmenting images (rotation,
 * shear, zoom) of every worker would run that slow code at once.
 *
 * <h2>How</h2>
 *
 * A {@link FoldedWarp} whose best kernel is the vector one calls {@link #ready()} once per image.
 * Until the warm-up is over, that call runs one step ({@value #CALLS_PER_STEP} rows of {@value
 * #ROW_PIXELS} pixels through the vector kernel's map and blend) on the calling thread, unless
 * another thread is in a step, and the image goes through the scalar kernel, whose output is
 * bit-identical. The warm-up is over when a step allocates nothing on the heap, or after {@value
 * #MAX_STEPS} steps; the mechanism is {@link KernelWarmup}'s.
 *
 * <p>The row is not stored: the vector store allocates even in compiled code on the JDK this was
 * measured on (its lane shuffles, and a target view per pixel of a row's tail), so a step that
 * stored would never count as allocation-free. The store compiles on the first real images.
 *
 * <p><b>Threading.</b> JVM-wide state; any thread may call {@link #ready()}. One thread at a time
 * runs a step; the others return at once.
 */
final class WarpWarmup {
  /** Warm-up rows per step. */
  static final int CALLS_PER_STEP = 128;

  /** Steps after which the vector kernel is used even if its steps still allocate. */
  static final int MAX_STEPS = 400;

  /** Pixels of the warm-up row, some inside and some border: a few whole vector blocks. */
  static final int ROW_PIXELS = WarpRow.BLOCK;

  private static final KernelWarmup WARMUP =
      new KernelWarmup(CALLS_PER_STEP, MAX_STEPS, WarpWarmup::exercise);

  private WarpWarmup() {}

  /**
   * Returns whether the vector kernel is compiled (or the warm-up has given up waiting); if not,
   * runs one warm-up step on the calling thread unless another thread is in one.
   *
   * @return {@code true} once images should go through the vector kernel
   */
  static boolean ready() {
    return WARMUP.ready();
  }

  /**
   * Returns how many steps have run so far.
   *
   * @return the steps, at most {@link #MAX_STEPS}
   */
  static int steps() {
    return WARMUP.steps();
  }

  /** One warm-up row through the vector kernel, or null where the best kernel is scalar. */
  private static @Nullable Runnable exercise() {
    WarpKernel kernel = WarpKernel.best();
    return kernel.vectorised() ? new Row(kernel)::run : null;
  }

  /**
   * A warm-up row: a slightly rotated map from a 64-pixel-wide RGB source whose right part lies
   * outside the resized image, and random taps.
   */
  private static final class Row {
    private final WarpKernel kernel;
    private final WarpRow row = new WarpRow();
    private final RowMap map = new RowMap();

    Row(WarpKernel kernel) {
      this.kernel = kernel;
      row.ensure(ROW_PIXELS);
      for (int x = 0; x < row.t00.length; x++) {
        row.t00[x] = x * 0x01030507;
        row.t01[x] = x * 0x0b0d1113;
        row.t10[x] = x * 0x17131d1f;
        row.t11[x] = x * 0x25292b2f;
      }
      map.qx0 = 1.2f;
      map.qy0 = 3.4f;
      map.qdx = 0.98f;
      map.qdy = 0.17f;
      map.qxMax = ROW_PIXELS - 6.5f;
      map.qyMax = 40.5f;
      map.px0 = 0.7f;
      map.py0 = 2.9f;
      map.pdx = 1.47f;
      map.pdy = 0.26f;
      map.pxMax = 63;
      map.pyMax = 47;
      map.stride = 64 * 3;
      map.last = 48 * 64 * 3 - 8;
    }

    void run() {
      row.borderCount = 0;
      kernel.map(row, ROW_PIXELS, map);
      kernel.blend(row, ROW_PIXELS);
    }
  }
}

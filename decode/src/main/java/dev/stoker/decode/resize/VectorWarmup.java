package dev.stoker.decode.resize;

import org.jspecify.annotations.Nullable;

/**
 * Brings the vector {@link ColumnSampler} to compiled code on a small row before any image uses it.
 *
 * <h2>Why</h2>
 *
 * Until the JIT's optimising compiler has compiled it, Vector API code runs in Java fallbacks that
 * allocate arrays and vector objects on every operation: about 50× slower than the scalar kernel
 * and, on 224×224 output, several MiB of garbage per image. Fed real images from the start, every
 * worker ran that slow code at once: in the startup probe (two workers, 64 images of 500×375 to
 * 224×224 float32) the first batch took 1.7–2.0 s of process CPU after the pipeline was built
 * instead of 0.4–0.5 s with the scalar kernel, and the garbage made the collector grow a young
 * generation that stayed resident (716–841 MiB at the first batch instead of about 500). Warming up
 * here, one thread at a time on a short row, while images go through the scalar kernel (whose
 * output is bit-identical), measured 0.8–1.05 s and 524–548 MiB.
 *
 * <h2>How</h2>
 *
 * A {@link Resizer} whose best kernel is the vector one calls {@link #ready()} once per image.
 * Until the warm-up is over, that call runs one step ({@value #CALLS_PER_STEP} calls of the vector
 * kernel on a row of {@value #ROW_PIXELS} pixels, a few milliseconds) on the calling thread, unless
 * another thread is in a step, and the image is resized by the scalar kernel. The warm-up is over
 * when a step allocates nothing on the heap, which only compiled Vector API code achieves, or after
 * {@value #MAX_STEPS} steps (a JVM that never compiles it, such as one run with {@code -Xint}, or
 * one that cannot count a thread's allocations). No thread is started. The mechanism is {@link
 * KernelWarmup}'s.
 *
 * <p><b>Threading.</b> JVM-wide state; any thread may call {@link #ready()}. One thread at a time
 * runs a step; the others return at once.
 */
final class VectorWarmup {
  /** Vector kernel calls per step. */
  static final int CALLS_PER_STEP = 128;

  /** Steps after which the vector kernel is used even if its steps still allocate. */
  static final int MAX_STEPS = 400;

  /** Output pixels of the warm-up row: a few whole vector blocks and a scalar tail. */
  static final int ROW_PIXELS = 35;

  private static final KernelWarmup WARMUP =
      new KernelWarmup(CALLS_PER_STEP, MAX_STEPS, VectorWarmup::exercise);

  private VectorWarmup() {}

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

  /** One call of the vector kernel on the warm-up row, or null where the best kernel is scalar. */
  private static @Nullable Runnable exercise() {
    ColumnSampler sampler = ColumnSampler.best();
    if (!sampler.vectorised()) {
      return null;
    }
    Row r = new Row(sampler);
    return () -> r.sampler.sample(r.source, r.columns, 3, r.out);
  }

  /** A warm-up row: a downscale from 1.5× the output width, three channels, as a photo has. */
  private static final class Row {
    final ColumnSampler sampler;
    final AxisTable columns = new AxisTable();
    final byte[] source;
    final float[] out = new float[ROW_PIXELS * 3];

    Row(ColumnSampler sampler) {
      this.sampler = sampler;
      int width = ROW_PIXELS * 3 / 2;
      columns.bilinear(ROW_PIXELS, width, 0, width, false, 3);
      sampler.prepare(columns, 3);
      source = new byte[columns.spanLength + sampler.rowSlack()];
      for (int i = 0; i < source.length; i++) {
        source[i] = (byte) (i * 37);
      }
    }
  }
}

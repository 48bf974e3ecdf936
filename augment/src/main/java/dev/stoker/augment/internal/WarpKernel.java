package dev.stoker.augment.internal;

import dev.stoker.decode.resize.SampleTarget;
import org.jspecify.annotations.Nullable;

/**
 * The data-parallel steps of a {@link FoldedWarp} row: mapping pixels to source taps, blending the
 * four taps of every pixel into rounded levels, and colouring, normalising, casting and storing the
 * row.
 *
 * <p>Two variants give bit-identical output: {@link ScalarWarpKernel}, plain Java that runs
 * everywhere, and {@code VectorWarpKernel}, which uses the Vector API where the JVM was started
 * with {@code --add-modules jdk.incubator.vector} and the CPU has vectors of 256 bits or more. Both
 * do, per pixel and channel, in float32 and in this order, without fused multiply-add:
 *
 * <pre>
 *   top    = v00 + (v01 − v00)·fx        bottom = v10 + (v11 − v10)·fx
 *   level  = (int) (top + (bottom − top)·fy + 0.5)
 *   colour = clamp(m0·r + m1·g + m2·b + b0, 0, 255)   (and likewise for green and blue; optional)
 *   value  = colour · scale + offset,  then cast as the target's element type says
 * </pre>
 *
 * <p><b>Threading.</b> Stateless or holding only constants: one per {@link FoldedWarp}.
 */
interface WarpKernel {
  /** The fully qualified name of the Vector API variant, loaded only where its module exists. */
  String VECTOR_CLASS = "dev.stoker.augment.internal.VectorWarpKernel";

  /**
   * Maps pixels {@code [0, n)} of a row: pixel {@code x} is inside when {@code q = (qx0 + x·qdx,
   * qy0 + x·qdy)} lies in {@code [0.5, qxMax) × [0.5, qyMax)} and {@code p = (px0 + x·pdx, py0 +
   * x·pdy)} in {@code [0, pxMax) × [0, pyMax)} with its tap offset {@code ⌊p.y⌋·stride + ⌊p.x⌋·3}
   * at most {@code last}; it then gets that offset and {@code p}'s fractions, all in float32. Any
   * other pixel gets offset and fractions 0 and is appended to {@code row.border}.
   *
   * @param row the row
   * @param n the row's width
   * @param map the row's coefficients
   */
  void map(WarpRow row, int n, RowMap map);

  /**
   * Blends the taps of pixels {@code [0, n)} into {@code row.red}, {@code row.green} and {@code
   * row.blue}. May write up to the row arrays' length.
   *
   * @param row the mapped row
   * @param n the row's width
   */
  void blend(WarpRow row, int n);

  /**
   * Colours, normalises, casts and stores pixels {@code [0, n)} as output row {@code y}.
   *
   * @param row the blended row
   * @param n the row's width
   * @param matrix the row-major colour matrix, or null for none
   * @param bias the colour offsets (read only with a matrix)
   * @param scales per-channel scales
   * @param offsets per-channel offsets
   * @param target the output, 3 channels
   * @param y the output row
   */
  void store(
      WarpRow row,
      int n,
      float @Nullable [] matrix,
      float[] bias,
      float[] scales,
      float[] offsets,
      SampleTarget target,
      int y);

  /**
   * Returns whether this kernel uses the Vector API.
   *
   * @return true for the vector variant
   */
  boolean vectorised();

  /**
   * Returns the fastest kernel this JVM can run: the Vector API variant where {@code
   * jdk.incubator.vector} is in the boot layer and the preferred vectors are 256 bits or wider,
   * otherwise the scalar one.
   *
   * @return a new kernel
   */
  static WarpKernel best() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        Object kernel = Class.forName(VECTOR_CLASS).getMethod("createIfSupported").invoke(null);
        if (kernel instanceof WarpKernel k) {
          return k;
        }
      } catch (ReflectiveOperationException | LinkageError e) {
        // The module is present but unusable here: the scalar kernel gives the same output.
      }
    }
    return new ScalarWarpKernel();
  }
}

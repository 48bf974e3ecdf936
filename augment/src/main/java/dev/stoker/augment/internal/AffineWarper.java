package dev.stoker.augment.internal;

import dev.stoker.augment.AffineMap;
import dev.stoker.augment.FillMode;
import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The inverse-mapped warp of an 8-bit RGB image into another of the same size: output pixel {@code
 * (x, y)} takes the value at {@code map(x + 0.5, y + 0.5)} of the input, interpolated bilinearly
 * (or, for exact index remaps such as quarter turns and flips, from the nearest pixel), with taps
 * outside the input resolved by a {@link FillMode}.
 *
 * <p>Stateless; every method may be called from any thread.
 */
public final class AffineWarper {
  private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

  private AffineWarper() {}

  /**
   * Warps {@code source} into {@code target}, a packed RGB8 image of the same size.
   *
   * @param source the input, 3 channels
   * @param map the inverse map, from output points to input points
   * @param nearest true to take the nearest input pixel instead of interpolating
   * @param fill how taps outside the input are filled
   * @param fillValue the value of {@link FillMode#CONSTANT} taps
   * @param target the output, at least {@code width × height × 3} bytes, packed rows
   */
  public static void warp(
      PixelBuffer source,
      AffineMap map,
      boolean nearest,
      FillMode fill,
      int fillValue,
      MemorySegment target) {
    int w = source.width();
    int h = source.height();
    MemorySegment src = source.segment();
    long stride = source.rowStride();
    long out = 0;
    for (int y = 0; y < h; y++) {
      double cy = y + 0.5;
      // Output pixel x samples the input at (sx + x·a, sy + x·d): one addition per pixel.
      double sx = map.x(0.5, cy);
      double sy = map.y(0.5, cy);
      for (int x = 0; x < w; x++, sx += map.a(), sy += map.d()) {
        if (nearest) {
          int ix = resolve((int) Math.floor(sx), w, fill);
          int iy = resolve((int) Math.floor(sy), h, fill);
          for (int c = 0; c < 3; c++) {
            int v = ix < 0 || iy < 0 ? fillValue : at(src, iy * stride + ix * 3L + c);
            target.set(BYTE, out++, (byte) v);
          }
          continue;
        }
        double px = sx - 0.5;
        double py = sy - 0.5;
        double fx0 = Math.floor(px);
        double fy0 = Math.floor(py);
        float ax = (float) (px - fx0);
        float ay = (float) (py - fy0);
        int ix = (int) fx0;
        int iy = (int) fy0;
        if (ix >= 0 && iy >= 0 && ix < w - 1 && iy < h - 1) {
          // Interior: all four taps inside, no fill rule to apply.
          long p00 = iy * stride + ix * 3L;
          long p10 = p00 + stride;
          for (int c = 0; c < 3; c++, p00++, p10++) {
            float v00 = at(src, p00);
            float v01 = at(src, p00 + 3);
            float v10 = at(src, p10);
            float v11 = at(src, p10 + 3);
            float top = v00 + (v01 - v00) * ax;
            float bottom = v10 + (v11 - v10) * ax;
            target.set(BYTE, out++, (byte) (int) (top + (bottom - top) * ay + 0.5f));
          }
          continue;
        }
        int x0 = resolve(ix, w, fill);
        int x1 = resolve(ix + 1, w, fill);
        int y0 = resolve(iy, h, fill);
        int y1 = resolve(iy + 1, h, fill);
        for (int c = 0; c < 3; c++) {
          float v00 = tap(src, stride, x0, y0, c, fillValue);
          float v01 = tap(src, stride, x1, y0, c, fillValue);
          float v10 = tap(src, stride, x0, y1, c, fillValue);
          float v11 = tap(src, stride, x1, y1, c, fillValue);
          float top = v00 + (v01 - v00) * ax;
          float bottom = v10 + (v11 - v10) * ax;
          target.set(BYTE, out++, (byte) (int) (top + (bottom - top) * ay + 0.5f));
        }
      }
    }
  }

  private static int tap(MemorySegment src, long stride, int x, int y, int c, int fillValue) {
    return x < 0 || y < 0 ? fillValue : at(src, y * stride + x * 3L + c);
  }

  private static int at(MemorySegment src, long offset) {
    return src.get(BYTE, offset) & 0xFF;
  }

  /**
   * Returns the index that stands for index {@code i} of an axis of {@code n} pixels, or -1 when
   * the fill constant stands for it.
   */
  static int resolve(int i, int n, FillMode fill) {
    if (i >= 0 && i < n) {
      return i;
    }
    return switch (fill) {
      case CONSTANT -> -1;
      case NEAREST -> i < 0 ? 0 : n - 1;
      case REFLECT -> {
        int m = Math.floorMod(i, 2 * n);
        yield m < n ? m : 2 * n - 1 - m;
      }
      case WRAP -> Math.floorMod(i, n);
    };
  }
}

package dev.stoker.augment.internal;

import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SourceWindow;
import java.lang.foreign.ValueLayout;

/**
 * Estimates the mean colour of a window of an 8-bit image, for the contrast step of a colour
 * jitter: the average of the source pixels nearest to the centres of a grid of at most {@value
 * #GRID} × {@value #GRID} equal cells over the window (every pixel, when the window is that small
 * or smaller). Points outside the image take the nearest edge pixel, as the resampler does.
 *
 * <p>The grid keeps the cost at most 1024 reads whatever the image size. An error of {@code e} gray
 * levels in the mean moves every output value by {@code (1 − c)·e} for a contrast factor {@code c},
 * so with the usual jitter ({@code c} in {@code [0.6, 1.4]}) a two-level error shifts outputs by
 * under one level. The executor tests bound the end-to-end difference from the exact mean to one
 * level on their images.
 *
 * <p>Stateless; any thread may call it.
 */
public final class WindowMean {
  /** The most sample points per axis. */
  public static final int GRID = 32;

  private WindowMean() {}

  /**
   * Estimates the mean colour of a window.
   *
   * @param source the image, 1 or 3 channels
   * @param window the window, in source pixels
   * @param mean receives red, green and blue means on the 0..255 scale (a gray image gives the same
   *     value three times)
   */
  public static void of(PixelBuffer source, SourceWindow window, double[] mean) {
    int nx = (int) Math.min(GRID, Math.max(1, Math.ceil(window.width())));
    int ny = (int) Math.min(GRID, Math.max(1, Math.ceil(window.height())));
    int channels = source.channels();
    long[] sums = new long[3];
    for (int j = 0; j < ny; j++) {
      int y = clamp(Math.floor(window.y() + (j + 0.5) * window.height() / ny), source.height());
      for (int i = 0; i < nx; i++) {
        int x = clamp(Math.floor(window.x() + (i + 0.5) * window.width() / nx), source.width());
        long base = y * source.rowStride() + (long) x * channels;
        for (int c = 0; c < 3; c++) {
          sums[c] +=
              source.segment().get(ValueLayout.JAVA_BYTE, base + (channels == 3 ? c : 0)) & 0xFF;
        }
      }
    }
    double n = (double) nx * ny;
    for (int c = 0; c < 3; c++) {
      mean[c] = sums[c] / n;
    }
  }

  private static int clamp(double v, int n) {
    return (int) Math.min(n - 1, Math.max(0, v));
  }
}

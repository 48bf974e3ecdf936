package dev.stoker.decode.resize;

/**
 * The resize written the plain way, per output value, in double precision, straight from the
 * definitions in {@link ResizeFilter} and {@link ResizeSpec}: the independent formula the fast
 * kernel is checked against.
 */
final class SlowResize {
  private SlowResize() {}

  /** Source pixel (x, y, c) of a packed HWC image; a gray image repeats its one channel. */
  static double pixel(byte[] img, int w, int channels, int x, int y, int c) {
    return img[(y * w + x) * channels + (channels == 1 ? 0 : c)] & 0xff;
  }

  /**
   * Returns the output value at (x, y, c) as a double, before the cast: filtered, coloured and
   * normalised.
   */
  static double value(
      byte[] img,
      int w,
      int h,
      int channels,
      ResizeSpec spec,
      int outW,
      int outH,
      int x,
      int y,
      int c) {
    SourceWindow win = spec.windowFor(w, h);
    int ox = spec.flipHorizontal() ? outW - 1 - x : x;
    int oy = spec.flipVertical() ? outH - 1 - y : y;
    double[] rgb = new double[3];
    for (int k = 0; k < 3; k++) {
      rgb[k] = filtered(img, w, h, channels, spec.filter(), win, outW, outH, ox, oy, k);
    }
    ColorTransform color = spec.color();
    double v;
    if (color.isIdentity()) {
      v = rgb[c];
    } else {
      float[] m = color.matrix();
      float[] b = color.offsets();
      v = m[3 * c] * rgb[0] + m[3 * c + 1] * rgb[1] + m[3 * c + 2] * rgb[2] + b[c];
      v = Math.max(0, Math.min(255, v));
    }
    return v * spec.scale()[c] + spec.offset()[c];
  }

  private static double filtered(
      byte[] img,
      int w,
      int h,
      int channels,
      ResizeFilter filter,
      SourceWindow win,
      int outW,
      int outH,
      int ox,
      int oy,
      int c) {
    double cx = win.x() + (ox + 0.5) * win.width() / outW;
    double cy = win.y() + (oy + 0.5) * win.height() / outH;
    switch (filter) {
      case NEAREST -> {
        int ix = clamp((int) Math.floor(cx), w);
        int iy = clamp((int) Math.floor(cy), h);
        return pixel(img, w, channels, ix, iy, c);
      }
      case BILINEAR -> {
        double sx = cx - 0.5;
        double sy = cy - 0.5;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double p00 = pixel(img, w, channels, clamp(x0, w), clamp(y0, h), c);
        double p10 = pixel(img, w, channels, clamp(x0 + 1, w), clamp(y0, h), c);
        double p01 = pixel(img, w, channels, clamp(x0, w), clamp(y0 + 1, h), c);
        double p11 = pixel(img, w, channels, clamp(x0 + 1, w), clamp(y0 + 1, h), c);
        return (1 - fx) * (1 - fy) * p00
            + fx * (1 - fy) * p10
            + (1 - fx) * fy * p01
            + fx * fy * p11;
      }
      case TRIANGLE -> {
        double[] wx = triangleWeights(cx, Math.max(win.width() / outW, 1), w);
        double[] wy = triangleWeights(cy, Math.max(win.height() / outH, 1), h);
        double sum = 0;
        for (int j = 0; j < h; j++) {
          for (int i = 0; i < w; i++) {
            sum += wx[i] * wy[j] * pixel(img, w, channels, i, j, c);
          }
        }
        return sum;
      }
    }
    throw new AssertionError(filter);
  }

  /**
   * The triangle's weight for each of the n source pixels, normalised to sum 1; when no pixel lies
   * under the triangle (a window far outside the image), the nearest edge pixel takes it all.
   */
  private static double[] triangleWeights(double centre, double kernelScale, int n) {
    double[] weights = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / kernelScale);
      sum += weights[i];
    }
    if (sum == 0) {
      weights[clamp((int) Math.floor(centre), n)] = 1;
      return weights;
    }
    for (int i = 0; i < n; i++) {
      weights[i] /= sum;
    }
    return weights;
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }
}

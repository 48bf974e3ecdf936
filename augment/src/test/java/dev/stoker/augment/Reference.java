package dev.stoker.augment;

/**
 * Slow, plain per-pixel formulas that the tests compare the executor with. Nothing here calls the
 * code under test.
 */
final class Reference {
  private Reference() {}

  /** A smooth RGB test image with a diagonal edge, packed HWC. */
  static byte[] image(int w, int h, long seed) {
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        px[i] = (byte) (20 + 200.0 * x / Math.max(1, w - 1));
        px[i + 1] = (byte) (230 - 190.0 * y / Math.max(1, h - 1));
        double wave = 128 + 90 * Math.sin(x / 5.0 + y / 7.0 + seed);
        px[i + 2] = (byte) (x + y < (w + h) / 2 ? wave : 255 - wave);
      }
    }
    return px;
  }

  static int at(byte[] img, int w, int x, int y, int c) {
    return img[(y * w + x) * 3 + c] & 0xFF;
  }

  /** tf.image.resize bilinear (half-pixel centres, edge clamp) at source point (sx, sy). */
  static double bilinear(byte[] img, int w, int h, double sx, double sy, int c) {
    double px = sx - 0.5;
    double py = sy - 0.5;
    int x0 = (int) Math.floor(px);
    int y0 = (int) Math.floor(py);
    double fx = px - x0;
    double fy = py - y0;
    int xa = Math.max(0, Math.min(w - 1, x0));
    int xb = Math.max(0, Math.min(w - 1, x0 + 1));
    int ya = Math.max(0, Math.min(h - 1, y0));
    int yb = Math.max(0, Math.min(h - 1, y0 + 1));
    double top = at(img, w, xa, ya, c) * (1 - fx) + at(img, w, xb, ya, c) * fx;
    double bottom = at(img, w, xa, yb, c) * (1 - fx) + at(img, w, xb, yb, c) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  /** The window resized to w × h and flipped: {@code [y][x][c]} on the 0..255 scale, unrounded. */
  static double[][][] crop(byte[] img, int sw, int sh, GeometryPlan g) {
    int w = g.outputWidth();
    int h = g.outputHeight();
    double[][][] out = new double[h][w][3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int ux = g.flipHorizontal() ? w - 1 - x : x;
        int uy = g.flipVertical() ? h - 1 - y : y;
        double sx = g.window().x() + (ux + 0.5) * g.window().width() / w;
        double sy = g.window().y() + (uy + 0.5) * g.window().height() / h;
        for (int c = 0; c < 3; c++) {
          out[y][x][c] = bilinear(img, sw, sh, sx, sy, c);
        }
      }
    }
    return out;
  }

  /**
   * torchvision's four adjustments applied one after another to the whole image in the plan's
   * order, without clamping in between, then clamped once; hue through YIQ with the textbook
   * constants both ways.
   */
  static void jitter(double[][][] img, ColorPlan plan) {
    for (int position = 0; position < 4; position++) {
      int step = plan.step(position);
      double mean = 0;
      if (step == 1) {
        for (double[][] row : img) {
          for (double[] p : row) {
            mean += gray(p);
          }
        }
        mean /= img.length * img[0].length;
      }
      for (double[][] row : img) {
        for (double[] p : row) {
          switch (step) {
            case 0 -> {
              for (int c = 0; c < 3; c++) {
                p[c] *= plan.brightness();
              }
            }
            case 1 -> {
              for (int c = 0; c < 3; c++) {
                p[c] = plan.contrast() * p[c] + (1 - plan.contrast()) * mean;
              }
            }
            case 2 -> {
              double g = gray(p);
              for (int c = 0; c < 3; c++) {
                p[c] = plan.saturation() * p[c] + (1 - plan.saturation()) * g;
              }
            }
            default -> hue(p, plan.hue());
          }
        }
      }
    }
    for (double[][] row : img) {
      for (double[] p : row) {
        for (int c = 0; c < 3; c++) {
          p[c] = Math.max(0, Math.min(255, p[c]));
        }
      }
    }
  }

  static double gray(double[] p) {
    return 0.2989 * p[0] + 0.587 * p[1] + 0.114 * p[2];
  }

  private static void hue(double[] p, double turns) {
    double y = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
    double i = 0.596 * p[0] - 0.274 * p[1] - 0.322 * p[2];
    double q = 0.211 * p[0] - 0.523 * p[1] + 0.312 * p[2];
    double a = 2 * Math.PI * turns;
    double i2 = i * Math.cos(a) - q * Math.sin(a);
    double q2 = i * Math.sin(a) + q * Math.cos(a);
    p[0] = y + 0.956 * i2 + 0.621 * q2;
    p[1] = y - 0.272 * i2 - 0.647 * q2;
    p[2] = y - 1.106 * i2 + 1.703 * q2;
  }

  /** Resolves an index outside [0, n) as Keras' fill modes do, step by step; -1 for constant. */
  static int fill(int i, int n, FillMode mode) {
    if (i >= 0 && i < n) {
      return i;
    }
    return switch (mode) {
      case CONSTANT -> -1;
      case NEAREST -> i < 0 ? 0 : n - 1;
      case WRAP -> ((i % n) + n) % n;
      case REFLECT -> {
        int r = i;
        while (r < 0 || r >= n) {
          r = r < 0 ? -r - 1 : 2 * n - 1 - r;
        }
        yield r;
      }
    };
  }

  /** Bilinear at index coordinates (row, col), each tap filled by the mode. */
  static double warpTap(
      byte[] img, int w, int h, double row, double col, int c, FillMode mode, int fillValue) {
    int r0 = (int) Math.floor(row);
    int c0 = (int) Math.floor(col);
    double fr = row - r0;
    double fc = col - c0;
    double sum = 0;
    for (int dr = 0; dr < 2; dr++) {
      for (int dc = 0; dc < 2; dc++) {
        int rr = fill(r0 + dr, h, mode);
        int cc = fill(c0 + dc, w, mode);
        double v = rr < 0 || cc < 0 ? fillValue : at(img, w, cc, rr, c);
        sum += v * (dr == 0 ? 1 - fr : fr) * (dc == 0 ? 1 - fc : fc);
      }
    }
    return sum;
  }
}

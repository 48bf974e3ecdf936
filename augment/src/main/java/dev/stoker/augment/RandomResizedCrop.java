package dev.stoker.augment;

import dev.stoker.core.Checks;
import dev.stoker.core.random.KeyedRandom;

/**
 * The Inception crop, as torchvision's {@code RandomResizedCrop} draws it: a box covering a random
 * share of the image's area with a random aspect ratio, resized to a fixed output size.
 *
 * <p>For an image (or the current window) of {@code W × H} pixels, up to ten attempts each draw a
 * target area {@code W·H·uniform(minScale, maxScale)} and an aspect ratio {@code exp(uniform(ln
 * minRatio, ln maxRatio))}, and round the box's width {@code sqrt(area·ratio)} and height {@code
 * sqrt(area/ratio)} to integers (half to even). The first box that fits is placed at a uniformly
 * drawn integer offset. When all ten fail, the fallback is the largest centred box whose aspect
 * ratio is clamped into {@code [minRatio, maxRatio]}.
 *
 * @param height the output height in pixels
 * @param width the output width in pixels
 * @param minScale the smallest share of the area, in {@code (0, maxScale]}
 * @param maxScale the largest share of the area, in {@code [minScale, 1]}
 * @param minRatio the smallest width/height ratio, positive
 * @param maxRatio the largest width/height ratio, at least {@code minRatio}
 */
public record RandomResizedCrop(
    int height, int width, double minScale, double maxScale, double minRatio, double maxRatio)
    implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the first option out of range
   */
  public RandomResizedCrop {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.require(
        minScale > 0 && minScale <= 1, "minScale", minScale, "in (0, 1] and <= maxScale");
    Checks.require(maxScale >= minScale && maxScale <= 1, "maxScale", maxScale, "in [minScale, 1]");
    Checks.require(
        minRatio > 0 && Double.isFinite(minRatio), "minRatio", minRatio, "finite and > 0");
    Checks.require(
        maxRatio >= minRatio && Double.isFinite(maxRatio),
        "maxRatio",
        maxRatio,
        "finite and >= minRatio=" + minRatio);
  }

  /**
   * Returns the usual square crop: scale {@code [0.08, 1]}, ratio {@code [3/4, 4/3]}.
   *
   * @param size the output height and width
   * @return the operation
   */
  public static RandomResizedCrop of(int size) {
    return new RandomResizedCrop(size, size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
  }

  /**
   * Returns a copy with another area range.
   *
   * @param min the smallest share of the area
   * @param max the largest share of the area
   * @return the new operation
   */
  public RandomResizedCrop withScale(double min, double max) {
    return new RandomResizedCrop(height, width, min, max, minRatio, maxRatio);
  }

  /**
   * Returns a copy with another aspect-ratio range.
   *
   * @param min the smallest width/height ratio
   * @param max the largest width/height ratio
   * @return the new operation
   */
  public RandomResizedCrop withRatio(double min, double max) {
    return new RandomResizedCrop(height, width, minScale, maxScale, min, max);
  }

  /**
   * Draws the box as torchvision's {@code RandomResizedCrop.get_params} does, on an image of {@code
   * w × h} pixels.
   *
   * @return left, top, width, height in pixels
   */
  int[] drawBox(int w, int h, KeyedRandom rnd) {
    double area = (double) w * h;
    double logMin = Math.log(minRatio);
    double logMax = Math.log(maxRatio);
    for (int attempt = 0; attempt < 10; attempt++) {
      double target = area * rnd.uniform(minScale, maxScale);
      double ratio = Math.exp(rnd.uniform(logMin, logMax));
      int cw = (int) Math.rint(Math.sqrt(target * ratio));
      int ch = (int) Math.rint(Math.sqrt(target / ratio));
      if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
        int top = rnd.nextInt(h - ch + 1);
        int left = rnd.nextInt(w - cw + 1);
        return new int[] {left, top, cw, ch};
      }
    }
    double inRatio = (double) w / h;
    int cw;
    int ch;
    if (inRatio < minRatio) {
      cw = w;
      ch = (int) Math.rint(w / minRatio);
    } else if (inRatio > maxRatio) {
      ch = h;
      cw = (int) Math.rint(h * maxRatio);
    } else {
      cw = w;
      ch = h;
    }
    return new int[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
  }
}

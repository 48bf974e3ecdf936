package dev.stoker.augment;

import dev.stoker.core.Checks;
import dev.stoker.core.random.KeyedRandom;

/**
 * Random brightness, contrast, saturation and hue changes, drawn as torchvision's {@code
 * ColorJitter} draws them: a factor uniform in {@code [max(0, 1 − v), 1 + v]} for brightness,
 * contrast and saturation, a hue shift uniform in {@code [−hue, hue]} (in turns), and a random
 * order of the four.
 *
 * <p>Each adjustment is linear in RGB, so the four compose into one 3×3 matrix plus an offset that
 * is applied once per pixel during resampling:
 *
 * <ul>
 *   <li>brightness {@code b}: {@code x ↦ b·x};
 *   <li>contrast {@code c}: {@code x ↦ c·x + (1 − c)·m}, with {@code m} the mean gray level of the
 *       image at that point;
 *   <li>saturation {@code s}: {@code x ↦ s·x + (1 − s)·gray(x)}, with {@code gray = 0.2989 R +
 *       0.587 G + 0.114 B} (torchvision's weights);
 *   <li>hue {@code h}: a rotation by {@code 2πh} of the chroma plane of YIQ, leaving luma alone.
 * </ul>
 *
 * <p>Two deliberate differences from torchvision: the hue shift is the YIQ rotation (the linear
 * form GPU pipelines use) rather than a shift in HSV, which is not linear; and values are clamped
 * to {@code [0, 255]} once, after the whole matrix, not after each step.
 *
 * @param brightness the brightness spread, at least 0
 * @param contrast the contrast spread, at least 0
 * @param saturation the saturation spread, at least 0
 * @param hue the hue spread in turns, in {@code [0, 0.5]}
 */
public record ColorJitter(double brightness, double contrast, double saturation, double hue)
    implements Operation {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the first option out of range
   */
  public ColorJitter {
    Checks.require(
        brightness >= 0 && Double.isFinite(brightness), "brightness", brightness, "finite, >= 0");
    Checks.require(
        contrast >= 0 && Double.isFinite(contrast), "contrast", contrast, "finite, >= 0");
    Checks.require(
        saturation >= 0 && Double.isFinite(saturation), "saturation", saturation, "finite, >= 0");
    Checks.require(hue >= 0 && hue <= 0.5, "hue", hue, "in [0, 0.5]");
  }

  /** Draws as torchvision's {@code ColorJitter.get_params} does: the order, then the factors. */
  ColorPlan draw(KeyedRandom rnd) {
    int[] perm = {0, 1, 2, 3};
    for (int i = 3; i > 0; i--) {
      int k = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
    int order = perm[0] | perm[1] << 2 | perm[2] << 4 | perm[3] << 6;
    double b = rnd.uniform(Math.max(0, 1 - brightness), 1 + brightness);
    double c = rnd.uniform(Math.max(0, 1 - contrast), 1 + contrast);
    double s = rnd.uniform(Math.max(0, 1 - saturation), 1 + saturation);
    double h = rnd.uniform(-hue, hue);
    return new ColorPlan(b, c, s, h, order);
  }
}

package dev.stoker.augment;

import dev.stoker.core.Checks;
import java.util.Arrays;

/**
 * The last arithmetic step before the cast: per channel, {@code x · scale + offset} on the 0..255
 * pixel value {@code x}. Unsigned 8-bit output then rounds and clamps; float32 output stores the
 * value as is.
 *
 * @param scaleRed the red factor
 * @param scaleGreen the green factor
 * @param scaleBlue the blue factor
 * @param offsetRed the red addend
 * @param offsetGreen the green addend
 * @param offsetBlue the blue addend
 */
public record Normalization(
    float scaleRed,
    float scaleGreen,
    float scaleBlue,
    float offsetRed,
    float offsetGreen,
    float offsetBlue) {

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException when a value is not finite
   */
  public Normalization {
    float[] all = {scaleRed, scaleGreen, scaleBlue, offsetRed, offsetGreen, offsetBlue};
    for (float v : all) {
      Checks.require(Float.isFinite(v), "normalization", Arrays.toString(all), "finite values");
    }
  }

  /**
   * Returns the normalisation that leaves pixel values as they are (0..255).
   *
   * @return scale 1, offset 0
   */
  public static Normalization none() {
    return new Normalization(1, 1, 1, 0, 0, 0);
  }

  /**
   * Returns Keras' {@code rescale}: every channel multiplied by {@code factor}; {@code 1/255} gives
   * values in {@code [0, 1]}.
   *
   * @param factor the factor, finite and non-zero
   * @return the normalisation
   */
  public static Normalization rescale(float factor) {
    Checks.require(Float.isFinite(factor) && factor != 0, "factor", factor, "finite, non-zero");
    return new Normalization(factor, factor, factor, 0, 0, 0);
  }

  /**
   * Returns torchvision's {@code ToTensor} then {@code Normalize(mean, std)}: {@code (x / 255 −
   * mean[c]) / std[c]}, with mean and standard deviation on the 0..1 scale, such as ImageNet's
   * {@code mean = (0.485, 0.456, 0.406)}, {@code std = (0.229, 0.224, 0.225)}.
   *
   * @param mean three channel means
   * @param std three positive channel standard deviations
   * @return the normalisation
   */
  public static Normalization standardize(double[] mean, double[] std) {
    Checks.require(mean.length == 3, "mean.length", mean.length, "3");
    Checks.require(std.length == 3, "std.length", std.length, "3");
    for (double s : std) {
      Checks.require(s > 0 && Double.isFinite(s), "std", Arrays.toString(std), "finite, > 0");
    }
    return new Normalization(
        (float) (1 / (255 * std[0])),
        (float) (1 / (255 * std[1])),
        (float) (1 / (255 * std[2])),
        (float) (-mean[0] / std[0]),
        (float) (-mean[1] / std[1]),
        (float) (-mean[2] / std[2]));
  }

  /**
   * Returns the three factors.
   *
   * @return a new array: red, green, blue
   */
  public float[] scales() {
    return new float[] {scaleRed, scaleGreen, scaleBlue};
  }

  /**
   * Returns the three addends.
   *
   * @return a new array: red, green, blue
   */
  public float[] offsets() {
    return new float[] {offsetRed, offsetGreen, offsetBlue};
  }
}

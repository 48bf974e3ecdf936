package dev.stoker.augment;

import dev.stoker.core.Checks;
import dev.stoker.decode.resize.ColorTransform;

/**
 * The colour half of a {@link SamplePlan}: the jitter factors drawn for one sample and the order in
 * which they apply, as described on {@link ColorJitter}.
 *
 * <p>Contrast blends towards the mean gray level of the image, which is not known until the pixels
 * are; {@link #transform(double, double, double)} therefore takes the image's mean colour and
 * returns the composed 3×3 matrix plus offsets that the resampling kernel applies.
 *
 * @param brightness the brightness factor, at least 0
 * @param contrast the contrast factor, at least 0
 * @param saturation the saturation factor, at least 0
 * @param hue the hue shift in turns, in {@code [−0.5, 0.5]}
 * @param order the order of the four steps, packed two bits per step, first step in the lowest
 *     bits: 0 brightness, 1 contrast, 2 saturation, 3 hue; a permutation of {@code 0..3}
 * @param shift a value added to every channel after the four steps, in byte units ({@link
 *     RandomChannelShift})
 */
public record ColorPlan(
    double brightness, double contrast, double saturation, double hue, int order, double shift) {

  /** The plan that changes no colour. */
  public static final ColorPlan IDENTITY = new ColorPlan(1, 1, 1, 0, 0b11_10_01_00, 0);

  /**
   * torchvision's gray-level weights (ITU-R 601-2 luma, as {@code rgb_to_grayscale} rounds them).
   */
  static final double[] GRAY = {0.2989, 0.587, 0.114};

  /**
   * Validates the plan.
   *
   * @throws IllegalArgumentException naming the first value out of range
   */
  public ColorPlan {
    Checks.require(Double.isFinite(shift), "shift", shift, "finite");
    Checks.require(
        brightness >= 0 && Double.isFinite(brightness), "brightness", brightness, ">= 0");
    Checks.require(contrast >= 0 && Double.isFinite(contrast), "contrast", contrast, ">= 0");
    Checks.require(
        saturation >= 0 && Double.isFinite(saturation), "saturation", saturation, ">= 0");
    Checks.require(hue >= -0.5 && hue <= 0.5, "hue", hue, "in [-0.5, 0.5]");
    int seen = 0;
    for (int i = 0; i < 4; i++) {
      seen |= 1 << ((order >>> (2 * i)) & 3);
    }
    Checks.require(
        seen == 0b1111 && (order >>> 8) == 0, "order", order, "a permutation of 0..3, 2 bits each");
  }

  /**
   * A plan without a channel shift.
   *
   * @param brightness the brightness factor, at least 0
   * @param contrast the contrast factor, at least 0
   * @param saturation the saturation factor, at least 0
   * @param hue the hue shift in turns
   * @param order the order of the four steps
   */
  public ColorPlan(double brightness, double contrast, double saturation, double hue, int order) {
    this(brightness, contrast, saturation, hue, order, 0);
  }

  /**
   * Returns this plan with its brightness multiplied and its shift set, for Keras' {@code
   * brightness_range} and {@code channel_shift_range}: Keras shifts first and then scales, so the
   * shift is scaled too.
   *
   * @param factor the brightness factor to multiply by, at least 0
   * @param channelShift the shift added before the scaling, in byte units
   * @return the new plan
   */
  ColorPlan scaledAndShifted(double factor, double channelShift) {
    return new ColorPlan(
        brightness * factor, contrast, saturation, hue, order, (shift + channelShift) * factor);
  }

  /**
   * Returns which step comes at a position.
   *
   * @param position 0 to 3
   * @return 0 brightness, 1 contrast, 2 saturation, 3 hue
   */
  public int step(int position) {
    return (order >>> (2 * Checks.inRange("position", position, 0, 3))) & 3;
  }

  /**
   * Tells whether the transform depends on the image's mean colour.
   *
   * @return true when the contrast factor is not 1
   */
  public boolean needsMean() {
    return contrast != 1;
  }

  /**
   * Tells whether this plan changes no colour.
   *
   * @return true when every factor is neutral
   */
  public boolean isIdentity() {
    return brightness == 1 && contrast == 1 && saturation == 1 && hue == 0 && shift == 0;
  }

  /**
   * Composes the four steps into one affine colour transform for an image whose mean colour, before
   * any colour step, is {@code (meanR, meanG, meanB)} on the 0..255 scale. The mean seen by the
   * contrast step is that mean carried through the steps before it.
   *
   * @param meanR the image's mean red
   * @param meanG the image's mean green
   * @param meanB the image's mean blue
   * @return the transform, {@code out = M·in + b}
   */
  public ColorTransform transform(double meanR, double meanG, double meanB) {
    double[] m = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    double[] b = {0, 0, 0};
    for (int position = 0; position < 4; position++) {
      double[] sm;
      double[] so = {0, 0, 0};
      switch (step(position)) {
        case 0 -> sm = scaled(brightness);
        case 1 -> {
          sm = scaled(contrast);
          double gray = 0;
          double[] mean = {meanR, meanG, meanB};
          for (int r = 0; r < 3; r++) {
            double v = b[r];
            for (int c = 0; c < 3; c++) {
              v += m[3 * r + c] * mean[c];
            }
            gray += GRAY[r] * v;
          }
          double shift = (1 - contrast) * gray;
          so = new double[] {shift, shift, shift};
        }
        case 2 -> sm = saturation(saturation);
        default -> sm = hueRotation(hue);
      }
      double[] nm = new double[9];
      double[] nb = new double[3];
      for (int r = 0; r < 3; r++) {
        double off = so[r];
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int k = 0; k < 3; k++) {
            sum += sm[3 * r + k] * m[3 * k + c];
          }
          nm[3 * r + c] = sum;
          off += sm[3 * r + c] * b[c];
        }
        nb[r] = off;
      }
      m = nm;
      b = nb;
    }
    float[] fm = new float[9];
    for (int i = 0; i < 9; i++) {
      fm[i] = (float) m[i];
    }
    return ColorTransform.of(
        fm, new float[] {(float) (b[0] + shift), (float) (b[1] + shift), (float) (b[2] + shift)});
  }

  private static double[] scaled(double f) {
    return new double[] {f, 0, 0, 0, f, 0, 0, 0, f};
  }

  private static double[] saturation(double s) {
    double[] m = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        m[3 * r + c] = (r == c ? s : 0) + (1 - s) * GRAY[c];
      }
    }
    return m;
  }

  /** RGB to YIQ (NTSC 1953 coefficients). */
  private static final double[] YIQ = {
    0.299, 0.587, 0.114, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312
  };

  /** The exact inverse of {@link #YIQ}, so that a zero shift is the identity. */
  private static final double[] YIQ_INVERSE = invert(YIQ);

  private static double[] hueRotation(double turns) {
    if (turns == 0) {
      return scaled(1);
    }
    double cos = Math.cos(2 * Math.PI * turns);
    double sin = Math.sin(2 * Math.PI * turns);
    double[] rot = {1, 0, 0, 0, cos, -sin, 0, sin, cos};
    return multiply(YIQ_INVERSE, multiply(rot, YIQ));
  }

  private static double[] multiply(double[] x, double[] y) {
    double[] out = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += x[3 * r + k] * y[3 * k + c];
        }
        out[3 * r + c] = sum;
      }
    }
    return out;
  }

  private static double[] invert(double[] m) {
    double det =
        m[0] * (m[4] * m[8] - m[5] * m[7])
            - m[1] * (m[3] * m[8] - m[5] * m[6])
            + m[2] * (m[3] * m[7] - m[4] * m[6]);
    return new double[] {
      (m[4] * m[8] - m[5] * m[7]) / det,
      (m[2] * m[7] - m[1] * m[8]) / det,
      (m[1] * m[5] - m[2] * m[4]) / det,
      (m[5] * m[6] - m[3] * m[8]) / det,
      (m[0] * m[8] - m[2] * m[6]) / det,
      (m[2] * m[3] - m[0] * m[5]) / det,
      (m[3] * m[7] - m[4] * m[6]) / det,
      (m[1] * m[6] - m[0] * m[7]) / det,
      (m[0] * m[4] - m[1] * m[3]) / det
    };
  }
}

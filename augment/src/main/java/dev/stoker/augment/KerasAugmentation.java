package dev.stoker.augment;

import dev.stoker.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The augmentation of Keras' {@code ImageDataGenerator}, argument by argument, built from this
 * module's operations: what a Keras user writes as
 *
 * <pre>{@code
 * ImageDataGenerator(rescale=1/255, rotation_range=20, width_shift_range=0.1,
 *     height_shift_range=0.1, shear_range=10, zoom_range=0.2, horizontal_flip=True,
 *     fill_mode="nearest")
 * }</pre>
 *
 * reads in Java
 *
 * <pre>{@code
 * KerasAugmentation generator = KerasAugmentation.builder()
 *     .rescale(1f / 255).rotationRange(20).widthShiftRange(0.1).heightShiftRange(0.1)
 *     .shearRange(10).zoomRange(0.2).horizontalFlip(true).fillMode(FillMode.NEAREST)
 *     .build();
 * Augmentation augmentation = generator.augmentation(180, 180);   // resize, then the above
 * }</pre>
 *
 * <p>The mapping, and where it differs from Keras:
 *
 * <ul>
 *   <li>{@code rescale} multiplies every value after the rest ({@link Normalization#rescale}), as
 *       Keras applies it; the pipeline's element type must then be float32.
 *   <li>{@code rotation_range}, {@code width_shift_range}, {@code height_shift_range}, {@code
 *       shear_range} (degrees) and {@code zoom_range} become {@link RandomRotation}, {@link
 *       RandomShift}, {@link RandomShear} and {@link RandomZoom}: one affine warp per image with
 *       Keras' matrix composition ({@code KerasAffine}). Shifts are fractions of the size only;
 *       Keras' pixel counts (values of 1 or more) are refused.
 *   <li>{@code horizontal_flip} and {@code vertical_flip} flip with probability ½.
 *   <li>{@code fill_mode} and {@code cval}: {@link FillMode}, default {@link FillMode#NEAREST} as
 *       in Keras; {@code cval} is a byte value, {@code [0, 255]}.
 *   <li>{@code channel_shift_range} and {@code brightness_range}: {@link RandomChannelShift} then
 *       {@link RandomBrightness}, in Keras' order; values are clamped to {@code [0, 255]} once,
 *       where Keras clips the shift to the image's own range.
 * </ul>
 *
 * The random draws are Stoker's own, keyed by (seed, epoch, sample): the same seed gives the same
 * images in every run, but not Keras' images.
 *
 * @param rescale the factor every value is multiplied by; 1 for none
 * @param rotationDegrees {@code rotation_range}
 * @param widthShift {@code width_shift_range}, a fraction of the width
 * @param heightShift {@code height_shift_range}, a fraction of the height
 * @param shearDegrees {@code shear_range}, in degrees
 * @param zoomMin the smallest zoom factor, {@code zoom_range[0]}
 * @param zoomMax the largest zoom factor, {@code zoom_range[1]}
 * @param horizontalFlip {@code horizontal_flip}
 * @param verticalFlip {@code vertical_flip}
 * @param fillMode {@code fill_mode}
 * @param cval {@code cval}, the constant fill value
 * @param brightnessMin {@code brightness_range[0]}; 1 with {@code brightnessMax} 1 for none
 * @param brightnessMax {@code brightness_range[1]}
 * @param channelShift {@code channel_shift_range}, in byte units
 */
public record KerasAugmentation(
    float rescale,
    double rotationDegrees,
    double widthShift,
    double heightShift,
    double shearDegrees,
    double zoomMin,
    double zoomMax,
    boolean horizontalFlip,
    boolean verticalFlip,
    FillMode fillMode,
    int cval,
    double brightnessMin,
    double brightnessMax,
    double channelShift) {

  /**
   * Validates the arguments.
   *
   * @throws IllegalArgumentException naming the first argument out of range, in Keras' spelling
   */
  public KerasAugmentation {
    Checks.require(rescale > 0 && Float.isFinite(rescale), "rescale", rescale, "finite and > 0");
    Checks.require(
        rotationDegrees >= 0 && rotationDegrees <= 180,
        "rotation_range",
        rotationDegrees,
        "in [0, 180] degrees");
    Checks.require(
        widthShift >= 0 && widthShift < 1,
        "width_shift_range",
        widthShift,
        "a fraction of the width in [0, 1); pixel counts are not supported, divide by the width");
    Checks.require(
        heightShift >= 0 && heightShift < 1,
        "height_shift_range",
        heightShift,
        "a fraction of the height in [0, 1); pixel counts are not supported, divide by the height");
    Checks.require(
        shearDegrees >= 0 && shearDegrees <= 80, "shear_range", shearDegrees, "in [0, 80] degrees");
    Checks.require(
        zoomMin > 0 && zoomMax >= zoomMin && Double.isFinite(zoomMax),
        "zoom_range",
        "[" + zoomMin + ", " + zoomMax + "]",
        "[lower, upper] with 0 < lower <= upper");
    Checks.require(fillMode != null, "fill_mode", fillMode, "a FillMode");
    Checks.inRange("cval", cval, 0, 255);
    Checks.require(
        brightnessMin >= 0 && brightnessMax >= brightnessMin && Double.isFinite(brightnessMax),
        "brightness_range",
        "[" + brightnessMin + ", " + brightnessMax + "]",
        "[lower, upper] with 0 <= lower <= upper");
    Checks.require(
        channelShift >= 0 && channelShift <= 255,
        "channel_shift_range",
        channelShift,
        "in [0, 255], in byte units");
  }

  /**
   * Starts with Keras' defaults: nothing random, no rescale, fill mode nearest.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the operations, in the order an {@link Augmentation} applies them.
   *
   * @return the random operations; empty when nothing is random
   */
  public List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    if (rotationDegrees > 0) {
      ops.add(new RandomRotation(rotationDegrees));
    }
    if (widthShift > 0 || heightShift > 0) {
      ops.add(new RandomShift(widthShift, heightShift));
    }
    if (shearDegrees > 0) {
      ops.add(new RandomShear(shearDegrees));
    }
    if (zoomMin != 1 || zoomMax != 1) {
      ops.add(new RandomZoom(zoomMin, zoomMax));
    }
    if (horizontalFlip) {
      ops.add(new HorizontalFlip(0.5));
    }
    if (verticalFlip) {
      ops.add(new VerticalFlip(0.5));
    }
    if (channelShift > 0) {
      ops.add(new RandomChannelShift(channelShift));
    }
    if (brightnessMin != 1 || brightnessMax != 1) {
      ops.add(new RandomBrightness(brightnessMin, brightnessMax));
    }
    return ops;
  }

  /**
   * Returns the normalization: {@code rescale}, or none.
   *
   * @return the normalization
   */
  public Normalization normalization() {
    return rescale == 1f ? Normalization.none() : Normalization.rescale(rescale);
  }

  /**
   * Adds the operations, fill and normalization to a builder that already holds the sizing.
   *
   * @param builder an augmentation builder with its sizing operations
   * @return {@code builder}
   */
  public Augmentation.Builder addTo(Augmentation.Builder builder) {
    for (Operation op : operations()) {
      builder.add(op);
    }
    return builder.fill(fillMode, cval).normalization(normalization());
  }

  /**
   * Returns the augmentation of {@code flow_from_directory(target_size=(height, width))}: resize to
   * the target size, then this generator's operations.
   *
   * @param height the output height
   * @param width the output width
   * @return the augmentation
   */
  public Augmentation augmentation(int height, int width) {
    return addTo(Augmentation.builder().add(new Resize(height, width))).build();
  }

  /** Builds a {@link KerasAugmentation} with Keras' argument names. Not thread-safe. */
  public static final class Builder {
    private float rescale = 1f;
    private double rotation;
    private double widthShift;
    private double heightShift;
    private double shear;
    private double zoomMin = 1;
    private double zoomMax = 1;
    private boolean horizontalFlip;
    private boolean verticalFlip;
    private FillMode fillMode = FillMode.NEAREST;
    private int cval;
    private double brightnessMin = 1;
    private double brightnessMax = 1;
    private double channelShift;

    private Builder() {}

    /**
     * Sets {@code rescale}: the factor every value is multiplied by, such as {@code 1f / 255}.
     *
     * @param factor the factor; Keras' {@code None} or 0 is 1 here
     * @return this builder
     */
    public Builder rescale(float factor) {
      this.rescale = factor == 0 ? 1f : factor;
      return this;
    }

    /**
     * Sets {@code rotation_range}.
     *
     * @param degrees the largest rotation either way
     * @return this builder
     */
    public Builder rotationRange(double degrees) {
      this.rotation = degrees;
      return this;
    }

    /**
     * Sets {@code width_shift_range}.
     *
     * @param fraction the largest shift either way, a fraction of the width
     * @return this builder
     */
    public Builder widthShiftRange(double fraction) {
      this.widthShift = fraction;
      return this;
    }

    /**
     * Sets {@code height_shift_range}.
     *
     * @param fraction the largest shift either way, a fraction of the height
     * @return this builder
     */
    public Builder heightShiftRange(double fraction) {
      this.heightShift = fraction;
      return this;
    }

    /**
     * Sets {@code shear_range}.
     *
     * @param degrees the largest shear angle either way, counter-clockwise, in degrees
     * @return this builder
     */
    public Builder shearRange(double degrees) {
      this.shear = degrees;
      return this;
    }

    /**
     * Sets {@code zoom_range} as one number: factors drawn from {@code [1 - range, 1 + range]}.
     *
     * @param range the spread, in {@code [0, 1)}
     * @return this builder
     */
    public Builder zoomRange(double range) {
      Checks.require(range >= 0 && range < 1, "zoom_range", range, "in [0, 1)");
      return zoomRange(1 - range, 1 + range);
    }

    /**
     * Sets {@code zoom_range} as {@code [lower, upper]}. Factors above 1 show less of the image
     * (Keras' convention: the factor scales the sampling grid).
     *
     * @param lower the smallest factor
     * @param upper the largest factor
     * @return this builder
     */
    public Builder zoomRange(double lower, double upper) {
      this.zoomMin = lower;
      this.zoomMax = upper;
      return this;
    }

    /**
     * Sets {@code horizontal_flip}.
     *
     * @param flip whether to flip half the images left to right
     * @return this builder
     */
    public Builder horizontalFlip(boolean flip) {
      this.horizontalFlip = flip;
      return this;
    }

    /**
     * Sets {@code vertical_flip}.
     *
     * @param flip whether to flip half the images upside down
     * @return this builder
     */
    public Builder verticalFlip(boolean flip) {
      this.verticalFlip = flip;
      return this;
    }

    /**
     * Sets {@code fill_mode}.
     *
     * @param mode how points outside the image are filled
     * @return this builder
     */
    public Builder fillMode(FillMode mode) {
      this.fillMode = mode;
      return this;
    }

    /**
     * Sets {@code cval}.
     *
     * @param value the fill value of {@link FillMode#CONSTANT}, a byte value
     * @return this builder
     */
    public Builder cval(int value) {
      this.cval = value;
      return this;
    }

    /**
     * Sets {@code brightness_range}: every channel multiplied by a factor uniform in {@code [lower,
     * upper]}, such as {@code (0.8, 1.2)}.
     *
     * @param lower the smallest factor
     * @param upper the largest factor
     * @return this builder
     */
    public Builder brightnessRange(double lower, double upper) {
      this.brightnessMin = lower;
      this.brightnessMax = upper;
      return this;
    }

    /**
     * Sets {@code channel_shift_range}: one value uniform in {@code [−range, range]} added to every
     * channel, in byte units (before {@code rescale}, as in Keras).
     *
     * @param range the largest shift either way
     * @return this builder
     */
    public Builder channelShiftRange(double range) {
      this.channelShift = range;
      return this;
    }

    /**
     * Builds the preset.
     *
     * @return the preset
     * @throws IllegalArgumentException naming the first argument out of range
     */
    public KerasAugmentation build() {
      return new KerasAugmentation(
          rescale,
          rotation,
          widthShift,
          heightShift,
          shear,
          zoomMin,
          zoomMax,
          horizontalFlip,
          verticalFlip,
          fillMode,
          cval,
          brightnessMin,
          brightnessMax,
          channelShift);
    }
  }
}

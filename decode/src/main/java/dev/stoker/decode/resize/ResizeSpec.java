package dev.stoker.decode.resize;

import dev.stoker.core.Checks;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link Resizer} does to one image, in the order it happens to each output value:
 *
 * <ol>
 *   <li><b>window</b>: the part of the source mapped onto the output (default: the whole image);
 *   <li><b>filter</b>: how a value is interpolated from the source ({@link ResizeFilter#BILINEAR}
 *       by default);
 *   <li><b>flips</b>: the output is mirrored left-right and/or top-bottom;
 *   <li><b>colour</b>: an affine {@link ColorTransform} of the interpolated RGB (identity by
 *       default), after which values are clamped to the pixel range {@code [0, 255]} (only when the
 *       transform is not the identity: interpolation alone never leaves that range);
 *   <li><b>normalisation</b>: per channel {@code x · scale[c] + offset[c]} (default {@code 1, 0});
 *       {@code scale = 1/255} gives the 0..1 of the usual image generators, {@code scale = 1/std,
 *       offset = -mean/std} a standardisation;
 *   <li><b>cast</b>: float32 stores the value as is; uint8 rounds to nearest (halves up) and clamps
 *       to {@code [0, 255]}.
 * </ol>
 *
 * <p>The output size, channel layout and element type come from the {@link SampleTarget}. All of it
 * happens in one pass over the output, with no intermediate image.
 *
 * <pre>{@code
 * ResizeSpec spec = ResizeSpec.builder()
 *     .window(new SourceWindow(40, 12, 300, 300))
 *     .flipHorizontal(true)
 *     .normalize(1f / 255, 0f)
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class ResizeSpec {
  private static final float[] ONES = {1, 1, 1};
  private static final float[] ZEROS = {0, 0, 0};
  private static final ResizeSpec DEFAULT = builder().build();

  private final ResizeFilter filter;
  private final @Nullable SourceWindow window;
  private final boolean flipHorizontal;
  private final boolean flipVertical;
  private final ColorTransform color;
  private final float[] scale;
  private final float[] offset;

  private ResizeSpec(Builder b) {
    this.filter = b.filter;
    this.window = b.window;
    this.flipHorizontal = b.flipHorizontal;
    this.flipVertical = b.flipVertical;
    this.color = b.color;
    this.scale = b.scale.clone();
    this.offset = b.offset.clone();
  }

  /**
   * Returns the plain resize: whole image, bilinear, no flip, colour or normalisation.
   *
   * @return the default spec
   */
  public static ResizeSpec bilinear() {
    return DEFAULT;
  }

  /**
   * Starts a spec from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this spec's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.filter = filter;
    b.window = window;
    b.flipHorizontal = flipHorizontal;
    b.flipVertical = flipVertical;
    b.color = color;
    b.scale = scale.clone();
    b.offset = offset.clone();
    return b;
  }

  /**
   * Returns the filter.
   *
   * @return the filter
   */
  public ResizeFilter filter() {
    return filter;
  }

  /**
   * Returns the source window, if one was set.
   *
   * @return the window, or empty for the whole image
   */
  public Optional<SourceWindow> window() {
    return Optional.ofNullable(window);
  }

  /**
   * Returns the window over a source of the given size: the one set, or the whole image.
   *
   * @param width the source width
   * @param height the source height
   * @return the effective window
   */
  public SourceWindow windowFor(int width, int height) {
    return window != null ? window : SourceWindow.full(width, height);
  }

  /**
   * Tells whether the output is mirrored left-right.
   *
   * @return true for a horizontal flip
   */
  public boolean flipHorizontal() {
    return flipHorizontal;
  }

  /**
   * Tells whether the output is mirrored top-bottom.
   *
   * @return true for a vertical flip
   */
  public boolean flipVertical() {
    return flipVertical;
  }

  /**
   * Returns the colour transform.
   *
   * @return the transform, {@link ColorTransform#identity()} by default
   */
  public ColorTransform color() {
    return color;
  }

  /**
   * Returns the per-channel normalisation scale.
   *
   * @return a copy of the three scales
   */
  public float[] scale() {
    return scale.clone();
  }

  /**
   * Returns the per-channel normalisation offset.
   *
   * @return a copy of the three offsets
   */
  public float[] offset() {
    return offset.clone();
  }

  float scale(int c) {
    return scale[c];
  }

  float offset(int c) {
    return offset[c];
  }

  @Override
  public String toString() {
    return "ResizeSpec[filter="
        + filter
        + ", window="
        + (window == null ? "whole image" : window)
        + ", flipHorizontal="
        + flipHorizontal
        + ", flipVertical="
        + flipVertical
        + ", color="
        + color
        + ", scale="
        + Arrays.toString(scale)
        + ", offset="
        + Arrays.toString(offset)
        + "]";
  }

  /** Collects the options of a {@link ResizeSpec}; every option has a default. */
  public static final class Builder {
    private ResizeFilter filter = ResizeFilter.BILINEAR;
    private @Nullable SourceWindow window;
    private boolean flipHorizontal;
    private boolean flipVertical;
    private ColorTransform color = ColorTransform.identity();
    private float[] scale = ONES.clone();
    private float[] offset = ZEROS.clone();

    private Builder() {}

    /**
     * Sets the filter.
     *
     * @param filter the filter
     * @return this builder
     */
    public Builder filter(ResizeFilter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * Sets the part of the source mapped onto the output.
     *
     * @param window the crop box in source pixels
     * @return this builder
     */
    public Builder window(SourceWindow window) {
      this.window = window;
      return this;
    }

    /**
     * Sets the window back to the whole image.
     *
     * @return this builder
     */
    public Builder wholeImage() {
      this.window = null;
      return this;
    }

    /**
     * Sets whether the output is mirrored left-right.
     *
     * @param flip true to mirror
     * @return this builder
     */
    public Builder flipHorizontal(boolean flip) {
      this.flipHorizontal = flip;
      return this;
    }

    /**
     * Sets whether the output is mirrored top-bottom.
     *
     * @param flip true to mirror
     * @return this builder
     */
    public Builder flipVertical(boolean flip) {
      this.flipVertical = flip;
      return this;
    }

    /**
     * Sets the colour transform applied to interpolated RGB values.
     *
     * @param color the transform
     * @return this builder
     */
    public Builder color(ColorTransform color) {
      this.color = color;
      return this;
    }

    /**
     * Sets the same normalisation {@code x · scale + offset} for every channel.
     *
     * @param scale the factor, finite
     * @param offset the addend, finite
     * @return this builder
     */
    public Builder normalize(float scale, float offset) {
      return normalize(new float[] {scale, scale, scale}, new float[] {offset, offset, offset});
    }

    /**
     * Sets a per-channel normalisation {@code x · scale[c] + offset[c]}. A gray output uses channel
     * 0.
     *
     * @param scale three finite factors
     * @param offset three finite addends
     * @return this builder
     * @throws IllegalArgumentException when a length is not 3 or a value is not finite
     */
    public Builder normalize(float[] scale, float[] offset) {
      Checks.require(scale.length == 3, "scale.length", scale.length, "3");
      Checks.require(offset.length == 3, "offset.length", offset.length, "3");
      for (int c = 0; c < 3; c++) { // called per sample: format the arrays only on failure
        if (!Float.isFinite(scale[c])) {
          throw new IllegalArgumentException(
              Checks.message("scale", Arrays.toString(scale), "finite"));
        }
        if (!Float.isFinite(offset[c])) {
          throw new IllegalArgumentException(
              Checks.message("offset", Arrays.toString(offset), "finite"));
        }
      }
      this.scale = scale.clone();
      this.offset = offset.clone();
      return this;
    }

    /**
     * Sets a standardisation {@code (x / 255 - mean[c]) / std[c]}, as torchvision's {@code
     * Normalize} after {@code ToTensor}.
     *
     * @param mean three channel means on the 0..1 scale
     * @param std three positive standard deviations on the 0..1 scale
     * @return this builder
     */
    public Builder standardize(float[] mean, float[] std) {
      Checks.require(mean.length == 3, "mean.length", mean.length, "3");
      Checks.require(std.length == 3, "std.length", std.length, "3");
      float[] s = new float[3];
      float[] o = new float[3];
      for (int c = 0; c < 3; c++) {
        Checks.require(std[c] > 0, "std", Arrays.toString(std), "> 0");
        s[c] = (float) (1.0 / (255.0 * std[c]));
        o[c] = (float) (-mean[c] / (double) std[c]);
      }
      return normalize(s, o);
    }

    /**
     * Builds the spec.
     *
     * @return an immutable spec
     */
    public ResizeSpec build() {
      return new ResizeSpec(this);
    }
  }
}

package dev.stoker.decode;

import dev.stoker.core.Checks;

/**
 * How a decoder treats its input: the decompression-bomb limit, whether warnings are errors, and
 * which inverse DCT a JPEG decoder uses.
 *
 * <pre>{@code
 * DecodeOptions options = DecodeOptions.builder().maxPixels(50_000_000).strict(true).build();
 * }</pre>
 *
 * @param maxPixels the largest {@code width × height} a header may announce; checked before any
 *     pixel memory is allocated or any scan is decoded (default 100 million)
 * @param strict whether a warning from the decoder (libjpeg-turbo's "premature end of data
 *     segment", for a truncated file whose missing rows come out gray) fails the image with {@link
 *     ImageDecodeException.Reason#WARNING} instead of returning what was decoded (default false)
 * @param fastDct whether {@link TurboJpegDecoder} uses libjpeg-turbo's fast integer inverse DCT
 *     ({@code TJFLAG_FASTDCT}, libjpeg's {@code JDCT_IFAST}) instead of the accurate one ({@code
 *     JDCT_ISLOW}). The fast IDCT is a few per cent faster, a little less accurate, and what
 *     TensorFlow's {@code DecodeJpeg} uses by default ({@code dct_method=""}): with it, Stoker's
 *     pixels are bit-identical to a default {@code tf.io.decode_jpeg}, where with the accurate one
 *     (the default here) they are bit-identical to {@code dct_method="INTEGER_ACCURATE"} and to the
 *     JDK's ImageIO. Decoders other than TurboJPEG ignore it (default false)
 */
public record DecodeOptions(long maxPixels, boolean strict, boolean fastDct) {
  /** The default pixel limit: 100 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  private static final DecodeOptions DEFAULTS = new DecodeOptions(DEFAULT_MAX_PIXELS, false, false);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when {@code maxPixels} is not positive
   */
  public DecodeOptions {
    Checks.positive("maxPixels", maxPixels);
  }

  /**
   * Options with the accurate IDCT.
   *
   * @param maxPixels the pixel limit
   * @param strict whether warnings are errors
   * @throws IllegalArgumentException when {@code maxPixels} is not positive
   */
  public DecodeOptions(long maxPixels, boolean strict) {
    this(maxPixels, strict, false);
  }

  /**
   * Refuses a header whose {@code width × height} exceeds {@link #maxPixels()}: every decoder calls
   * this from {@code probe} and again from {@code decode}, so a caller that sizes a buffer from a
   * probed header never allocates what a forged header claims.
   *
   * @param width the header's width
   * @param height the header's height
   * @throws ImageDecodeException with {@link ImageDecodeException.Reason#TOO_LARGE} when over the
   *     limit
   */
  public void checkPixels(int width, int height) {
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.TOO_LARGE,
          Checks.message(
              "width×height", width + "×" + height + " = " + pixels, "<= maxPixels " + maxPixels));
    }
  }

  /**
   * Returns the defaults: 100 MP, warnings tolerated, accurate IDCT.
   *
   * @return the default options
   */
  public static DecodeOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects {@link DecodeOptions}. */
  public static final class Builder {
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private boolean strict;
    private boolean fastDct;

    private Builder() {}

    /**
     * Sets the pixel limit.
     *
     * @param maxPixels the largest {@code width × height} accepted
     * @return this builder
     */
    public Builder maxPixels(long maxPixels) {
      this.maxPixels = maxPixels;
      return this;
    }

    /**
     * Sets whether decoder warnings are errors.
     *
     * @param strict true to fail on warnings
     * @return this builder
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Sets whether JPEGs are decoded with the fast integer IDCT (TensorFlow's default) instead of
     * the accurate one.
     *
     * @param fastDct true for {@code TJFLAG_FASTDCT}
     * @return this builder
     */
    public Builder fastDct(boolean fastDct) {
      this.fastDct = fastDct;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public DecodeOptions build() {
      return new DecodeOptions(maxPixels, strict, fastDct);
    }
  }
}

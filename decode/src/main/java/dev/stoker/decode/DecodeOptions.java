package dev.stoker.decode;

import dev.stoker.core.Checks;

/**
 * How a decoder treats its input: the decompression-bomb limit and whether warnings are errors.
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
 */
public record DecodeOptions(long maxPixels, boolean strict) {
  /** The default pixel limit: 100 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  private static final DecodeOptions DEFAULTS = new DecodeOptions(DEFAULT_MAX_PIXELS, false);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when {@code maxPixels} is not positive
   */
  public DecodeOptions {
    Checks.positive("maxPixels", maxPixels);
  }

  /**
   * Returns the defaults: 100 MP, warnings tolerated.
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
     * Builds the options.
     *
     * @return the options
     */
    public DecodeOptions build() {
      return new DecodeOptions(maxPixels, strict);
    }
  }
}

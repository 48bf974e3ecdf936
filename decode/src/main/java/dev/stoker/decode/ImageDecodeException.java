package dev.stoker.decode;

import java.io.Serial;
import java.util.Locale;

/**
 * The one exception a decoder throws for bad input: data that is not an image it supports, is
 * corrupt or truncated, or describes an image larger than the configured limit. It names the {@link
 * Reason} and, in its message, what was wrong and where. Callers hand it to the pipeline's error
 * policy, which fails fast or skips the sample.
 *
 * <p>Unchecked, so that decoders fit in functional code; every decoder method that reads input
 * documents it. Misuse by the caller (a target segment too small, a closed decoder) raises {@link
 * IllegalArgumentException} or {@link IllegalStateException} instead: that is a bug, not bad data.
 */
public final class ImageDecodeException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** Why an image could not be decoded. */
  public enum Reason {
    /** Not a format this decoder reads (or an unsupported variant of one, like 12-bit JPEG). */
    UNSUPPORTED,
    /** The data is corrupt or truncated: the decoder could not produce an image. */
    CORRUPT,
    /** The header announces more pixels than {@link DecodeOptions#maxPixels()} allows. */
    TOO_LARGE,
    /**
     * The decoder produced an image but warned (a truncated scan, a bad Huffman code it skipped),
     * and {@link DecodeOptions#strict()} asks for warnings to be errors.
     */
    WARNING
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message what was wrong and where
   */
  public ImageDecodeException(Reason reason, String message) {
    super(reason.name().toLowerCase(Locale.ROOT) + ": " + message);
    this.reason = reason;
  }

  /**
   * Creates the exception with the underlying failure.
   *
   * @param reason why
   * @param message what was wrong and where
   * @param cause the failure reported by the underlying library
   */
  public ImageDecodeException(Reason reason, String message, Throwable cause) {
    super(reason.name().toLowerCase(Locale.ROOT) + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * Returns why the image could not be decoded.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}

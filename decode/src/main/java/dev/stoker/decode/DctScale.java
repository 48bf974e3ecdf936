package dev.stoker.decode;

import dev.stoker.decode.resize.SourceWindow;
import java.util.Set;

/**
 * A JPEG decode at reduced size, done in the DCT domain: libjpeg-turbo computes only the low
 * frequencies of each 8×8 block, so decoding at 1/2 or 1/4 is several times cheaper than decoding
 * at full size and resizing afterwards.
 *
 * <p>Only 1/2, 1/4 and 1/8 are offered. libjpeg-turbo also scales by 3/4, 5/8 and 7/8, but those
 * measured slower than no scaling at all (see {@code shared/corpus/README.md}). A scaled dimension
 * is rounded up: {@code ceil(size / denominator)}.
 *
 * <p>{@link #choose} picks the smallest scale whose image still covers the requested output, so the
 * resize after it only ever shrinks (or keeps) the crop, and quality is that of a full decode
 * followed by the same resize, within the rounding of the DCT.
 */
public enum DctScale {
  /** No scaling. */
  FULL(1),
  /** Half size. */
  HALF(2),
  /** Quarter size. */
  QUARTER(4),
  /** One eighth: one pixel per 8×8 block, the DC coefficient. */
  EIGHTH(8);

  /** {@link #values()} without the copy it makes on every call. */
  private static final DctScale[] ALL = values();

  private final int denominator;

  DctScale(int denominator) {
    this.denominator = denominator;
  }

  /**
   * Returns the denominator of the scale.
   *
   * @return 1, 2, 4 or 8
   */
  public int denominator() {
    return denominator;
  }

  /**
   * Returns a dimension after scaling, as libjpeg-turbo computes it.
   *
   * @param size the full-size dimension
   * @return {@code ceil(size / denominator)}
   */
  public int scaled(int size) {
    return (int) (((long) size + denominator - 1) / denominator);
  }

  /**
   * Returns the smallest allowed scale at which the crop window, mapped onto the scaled image,
   * still measures at least {@code outWidth × outHeight} pixels.
   *
   * @param width the full image width
   * @param height the full image height
   * @param window the crop box in full-size pixels
   * @param outWidth the output width the crop is resized to
   * @param outHeight the output height the crop is resized to
   * @param allowed the scales the decoder offers (always including {@link #FULL})
   * @return the chosen scale; {@link #FULL} when no smaller one covers the output
   */
  public static DctScale choose(
      int width,
      int height,
      SourceWindow window,
      int outWidth,
      int outHeight,
      Set<DctScale> allowed) {
    DctScale best = FULL;
    for (DctScale s : ALL) {
      if (!allowed.contains(s)) {
        continue;
      }
      double sx = s.scaled(width) / (double) width;
      double sy = s.scaled(height) / (double) height;
      if (window.width() * sx >= outWidth && window.height() * sy >= outHeight) {
        best = s;
      }
    }
    return best;
  }

  /**
   * Returns the crop window in the coordinates of the image decoded at this scale.
   *
   * @param width the full image width
   * @param height the full image height
   * @param window the crop box in full-size pixels
   * @return the box in scaled pixels
   */
  public SourceWindow scaleWindow(int width, int height, SourceWindow window) {
    if (this == FULL) {
      return window;
    }
    return window.scaled(scaled(width) / (double) width, scaled(height) / (double) height);
  }
}

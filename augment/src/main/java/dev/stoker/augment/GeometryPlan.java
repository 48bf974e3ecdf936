package dev.stoker.augment;

import dev.stoker.core.Checks;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.SourceWindow;
import org.jspecify.annotations.Nullable;

/**
 * The geometric half of a {@link SamplePlan}: everything about where output pixels come from, known
 * from the source's width and height alone, before a byte is decoded.
 *
 * <p>The output image is built in four conceptual steps, composed into one or a few passes:
 *
 * <ol>
 *   <li>the {@link #window() window} of the source is resized to {@code outputWidth × outputHeight}
 *       with the {@link #filter() filter}, or, with padding, to the {@link #content() content}
 *       region of it, the rest black;
 *   <li>the {@link #warp() warp}, if any, resamples that image: output point {@code p} takes the
 *       value at {@code warp(p)}, with points outside filled by the {@link #fillMode() fill mode};
 *   <li>the image turns counter-clockwise by {@link #quarterTurns() quarter turns};
 *   <li>the image is mirrored as the flips say.
 * </ol>
 *
 * <p><b>Crop-aware decoding.</b> A decoder that can scale in the DCT domain asks {@link
 * #decodeScaleDenominator()} for the largest reduction that still leaves the window at least as
 * large as the output, decodes at that scale, and continues with {@link #atDecodedSize(int, int)},
 * which rescales the window to the decoded image.
 *
 * @param sourceWidth the width of the image the window refers to
 * @param sourceHeight the height of the image the window refers to
 * @param window the part of the source that becomes the output, in source pixels
 * @param outputWidth the output width
 * @param outputHeight the output height
 * @param filter how the window is resampled
 * @param warp the inverse map of the affine warp, from output points to points of the resized
 *     window, or {@code null} for none
 * @param fillMode how the warp fills points outside the image
 * @param fillValue the fill value for {@link FillMode#CONSTANT}, in {@code [0, 255]}
 * @param quarterTurns counter-clockwise quarter turns, 0 to 3; odd values need a square output
 * @param flipHorizontal whether the output is mirrored left to right
 * @param flipVertical whether the output is mirrored top to bottom
 * @param content the part of the output that the window is resized into, before the warp, turns and
 *     flips; the rest is black padding ({@link ResizeWithPad}). The whole output without padding
 */
public record GeometryPlan(
    int sourceWidth,
    int sourceHeight,
    SourceWindow window,
    int outputWidth,
    int outputHeight,
    ResizeFilter filter,
    @Nullable AffineMap warp,
    FillMode fillMode,
    int fillValue,
    int quarterTurns,
    boolean flipHorizontal,
    boolean flipVertical,
    OutputRegion content) {

  /**
   * Validates the plan.
   *
   * @throws IllegalArgumentException naming the first value out of range
   */
  public GeometryPlan {
    Checks.positive("sourceWidth", sourceWidth);
    Checks.positive("sourceHeight", sourceHeight);
    Checks.positive("outputWidth", outputWidth);
    Checks.positive("outputHeight", outputHeight);
    Checks.inRange("fillValue", fillValue, 0, 255);
    Checks.inRange("quarterTurns", quarterTurns, 0, 3);
    Checks.require(
        content.x() + content.width() <= outputWidth
            && content.y() + content.height() <= outputHeight,
        "content",
        content,
        "inside the output " + outputWidth + "×" + outputHeight);
    if (quarterTurns % 2 != 0 && outputWidth != outputHeight) { // one plan per sample
      throw new IllegalArgumentException(
          Checks.message(
              "quarterTurns",
              quarterTurns,
              "even for a non-square output " + outputWidth + "×" + outputHeight));
    }
  }

  /**
   * Creates a plan without padding: the window fills the whole output.
   *
   * @param sourceWidth the width of the image the window refers to
   * @param sourceHeight the height of the image the window refers to
   * @param window the part of the source that becomes the output, in source pixels
   * @param outputWidth the output width
   * @param outputHeight the output height
   * @param filter how the window is resampled
   * @param warp the inverse map of the affine warp, or {@code null} for none
   * @param fillMode how the warp fills points outside the image
   * @param fillValue the fill value for {@link FillMode#CONSTANT}, in {@code [0, 255]}
   * @param quarterTurns counter-clockwise quarter turns, 0 to 3
   * @param flipHorizontal whether the output is mirrored left to right
   * @param flipVertical whether the output is mirrored top to bottom
   */
  public GeometryPlan(
      int sourceWidth,
      int sourceHeight,
      SourceWindow window,
      int outputWidth,
      int outputHeight,
      ResizeFilter filter,
      @Nullable AffineMap warp,
      FillMode fillMode,
      int fillValue,
      int quarterTurns,
      boolean flipHorizontal,
      boolean flipVertical) {
    this(
        sourceWidth,
        sourceHeight,
        window,
        outputWidth,
        outputHeight,
        filter,
        warp,
        fillMode,
        fillValue,
        quarterTurns,
        flipHorizontal,
        flipVertical,
        OutputRegion.full(outputWidth, outputHeight));
  }

  /**
   * Tells whether the output is padded: the window fills only the {@link #content()} region.
   *
   * @return true when part of the output is padding
   */
  public boolean isPadded() {
    return !content.covers(outputWidth, outputHeight);
  }

  /**
   * Tells whether the whole plan is one pass of the resampling kernel: no warp and no quarter turn.
   *
   * @return true when the window, filter and flips say everything
   */
  public boolean isAxisAligned() {
    return warp == null && quarterTurns == 0;
  }

  /**
   * Returns the largest DCT reduction, 1, 2, 4 or 8, at which the window still covers at least as
   * many pixels as the output's {@link #content()} region in both directions, so that decoding at
   * {@code 1/denominator} scale loses no detail the output could show.
   *
   * @return the denominator of the decode scale
   */
  public int decodeScaleDenominator() {
    int d = 8;
    while (d > 1
        && (window.width() / d < content.width() || window.height() / d < content.height())) {
      d /= 2;
    }
    return d;
  }

  /**
   * Returns the smallest pixel-aligned box of the source that executing this plan reads: the window
   * widened on each side by the filter's reach (one pixel, or the downscale factor for the triangle
   * filter) and clipped to the image. A decoder that can skip rows and columns (libjpeg- turbo's
   * cropped decode) needs only these.
   *
   * @return the box, integer-valued, inside {@code [0, sourceWidth] × [0, sourceHeight]}
   */
  public SourceWindow sourceBounds() {
    double rx = filter == ResizeFilter.TRIANGLE ? Math.max(1, window.width() / outputWidth) : 1;
    double ry = filter == ResizeFilter.TRIANGLE ? Math.max(1, window.height() / outputHeight) : 1;
    double x0 = Math.min(sourceWidth - 1, Math.max(0, Math.floor(window.x() - rx)));
    double y0 = Math.min(sourceHeight - 1, Math.max(0, Math.floor(window.y() - ry)));
    double x1 =
        Math.max(x0 + 1, Math.min(sourceWidth, Math.ceil(window.x() + window.width() + rx)));
    double y1 =
        Math.max(y0 + 1, Math.min(sourceHeight, Math.ceil(window.y() + window.height() + ry)));
    return new SourceWindow(x0, y0, x1 - x0, y1 - y0);
  }

  /**
   * Returns this plan for the same image decoded at another size (a DCT-scaled decode): the window
   * is scaled by {@code decodedWidth / sourceWidth} horizontally and {@code decodedHeight /
   * sourceHeight} vertically; everything else is unchanged.
   *
   * @param decodedWidth the width of the decoded image
   * @param decodedHeight the height of the decoded image
   * @return the plan for the decoded image
   */
  public GeometryPlan atDecodedSize(int decodedWidth, int decodedHeight) {
    Checks.positive("decodedWidth", decodedWidth);
    Checks.positive("decodedHeight", decodedHeight);
    double fx = (double) decodedWidth / sourceWidth;
    double fy = (double) decodedHeight / sourceHeight;
    SourceWindow scaled =
        new SourceWindow(
            window.x() * fx, window.y() * fy, window.width() * fx, window.height() * fy);
    return new GeometryPlan(
        decodedWidth,
        decodedHeight,
        scaled,
        outputWidth,
        outputHeight,
        filter,
        warp,
        fillMode,
        fillValue,
        quarterTurns,
        flipHorizontal,
        flipVertical,
        content);
  }

  /**
   * Returns the inverse map of steps 2 to 4 together: from a point of the output to the point of
   * the resized window (step 1's image) it is sampled from.
   *
   * @return the composed inverse map; the identity for an axis-aligned plan without flips
   */
  public AffineMap outputToResized() {
    double w = outputWidth;
    double h = outputHeight;
    AffineMap flips =
        new AffineMap(
            flipHorizontal ? -1 : 1,
            0,
            flipHorizontal ? w : 0,
            0,
            flipVertical ? -1 : 1,
            flipVertical ? h : 0);
    // One counter-clockwise quarter turn of a square n×n image reads input (n − y, x) for output
    // (x, y); k turns apply that k times.
    AffineMap turn = new AffineMap(0, -1, h, 1, 0, 0);
    AffineMap map = flips;
    for (int k = 0; k < quarterTurns; k++) {
      map = turn.compose(map);
    }
    return warp == null ? map : warp.compose(map);
  }
}

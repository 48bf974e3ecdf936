package dev.stoker.augment;

import dev.stoker.core.Checks;
import dev.stoker.core.random.KeyedRandom;
import org.jspecify.annotations.Nullable;

/**
 * The Inception crop, as torchvision's {@code RandomResizedCrop} draws it: a box covering a random
 * share of the image's area with a random aspect ratio, resized to a fixed output size.
 *
 * <p>For an image (or the current window) of {@code W × H} pixels, up to ten attempts each draw a
 * target area {@code W·H·uniform(minScale, maxScale)} and an aspect ratio {@code exp(uniform(ln
 * minRatio, ln maxRatio))}, and round the box's width {@code sqrt(area·ratio)} and height {@code
 * sqrt(area/ratio)} to integers (half to even). The first box that fits is placed at a uniformly
 * drawn integer offset. When all ten fail, the fallback is the largest centred box whose aspect
 * ratio is clamped into {@code [minRatio, maxRatio]}.
 *
 * <p><b>TensorFlow's sampler.</b> With {@link Sampling#TENSORFLOW} the box is drawn as TensorFlow's
 * {@code sample_distorted_bounding_box} draws it for an image without boxes ({@code
 * use_image_if_no_bounding_boxes=True}, so the whole image is the one object), which the official
 * ResNet training input uses ({@link #tensorflowResNet}). The two samplers differ in distribution,
 * not only in detail:
 *
 * <ul>
 *   <li>the aspect ratio is uniform in {@code [minRatio, maxRatio]}, not log-uniform;
 *   <li>the area is not drawn: the height is uniform among the integers from the height of a box of
 *       {@code minScale} of the area to that of {@code maxScale} (clipped to the image), and the
 *       width is the height times the ratio, rounded;
 *   <li>a box must also cover at least {@code minObjectCovered} of the object, here of the image,
 *       so it never has less than {@code max(minScale, minObjectCovered)} of the area;
 *   <li>the offsets are uniform in {@code [0, W − w − 1]} and {@code [0, H − h − 1]} (0 when the
 *       box spans the side), so a box never touches the right or bottom edge unless it spans it;
 *   <li>when all attempts fail, the box is the whole image, not a centred box.
 * </ul>
 *
 * @param height the output height in pixels
 * @param width the output width in pixels
 * @param minScale the smallest share of the area, in {@code (0, maxScale]}
 * @param maxScale the largest share of the area, in {@code [minScale, 1]}
 * @param minRatio the smallest width/height ratio, positive
 * @param maxRatio the largest width/height ratio, at least {@code minRatio}
 * @param sampling whose sampler draws the box
 * @param minObjectCovered for {@link Sampling#TENSORFLOW}, the least share of the image a box
 *     covers, in {@code [0, 1]}; 0 for {@link Sampling#TORCHVISION}
 */
public record RandomResizedCrop(
    int height,
    int width,
    double minScale,
    double maxScale,
    double minRatio,
    double maxRatio,
    Sampling sampling,
    double minObjectCovered)
    implements Operation {

  /** How the box is drawn; see the class description. */
  public enum Sampling {
    /** torchvision's {@code RandomResizedCrop.get_params}: log-uniform ratio, uniform area. */
    TORCHVISION,
    /** TensorFlow's {@code sample_distorted_bounding_box} with the whole image as the object. */
    TENSORFLOW
  }

  /** The attempts either sampler makes before it falls back (TensorFlow's {@code max_attempts}). */
  static final int ATTEMPTS = 10;

  /**
   * Creates torchvision's crop.
   *
   * @param height the output height in pixels
   * @param width the output width in pixels
   * @param minScale the smallest share of the area
   * @param maxScale the largest share of the area
   * @param minRatio the smallest width/height ratio
   * @param maxRatio the largest width/height ratio
   * @throws IllegalArgumentException naming the first option out of range
   */
  public RandomResizedCrop(
      int height, int width, double minScale, double maxScale, double minRatio, double maxRatio) {
    this(height, width, minScale, maxScale, minRatio, maxRatio, Sampling.TORCHVISION, 0);
  }

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the first option out of range
   */
  public RandomResizedCrop {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.require(
        minScale > 0 && minScale <= 1, "minScale", minScale, "in (0, 1] and <= maxScale");
    Checks.require(maxScale >= minScale && maxScale <= 1, "maxScale", maxScale, "in [minScale, 1]");
    Checks.require(
        minRatio > 0 && Double.isFinite(minRatio), "minRatio", minRatio, "finite and > 0");
    Checks.require(
        maxRatio >= minRatio && Double.isFinite(maxRatio),
        "maxRatio",
        maxRatio,
        "finite and >= minRatio=" + minRatio);
    Checks.require(sampling != null, "sampling", sampling, "TORCHVISION or TENSORFLOW");
    Checks.require(
        minObjectCovered >= 0
            && minObjectCovered <= 1
            && (sampling == Sampling.TENSORFLOW || minObjectCovered == 0),
        "minObjectCovered",
        minObjectCovered,
        "in [0, 1] with TENSORFLOW sampling, 0 with TORCHVISION");
  }

  /**
   * Returns the crop of TensorFlow's official ResNet ImageNet training input: {@code
   * sample_distorted_bounding_box} with area {@code [0.05, 1]}, aspect ratio {@code [3/4, 4/3]},
   * {@code min_object_covered=0.1}, ten attempts and the whole image as the object.
   *
   * @param size the output height and width
   * @return the operation
   */
  public static RandomResizedCrop tensorflowResNet(int size) {
    return new RandomResizedCrop(
        size, size, 0.05, 1.0, 3.0 / 4.0, 4.0 / 3.0, Sampling.TENSORFLOW, 0.1);
  }

  /**
   * Returns the usual square crop: scale {@code [0.08, 1]}, ratio {@code [3/4, 4/3]}.
   *
   * @param size the output height and width
   * @return the operation
   */
  public static RandomResizedCrop of(int size) {
    return new RandomResizedCrop(size, size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
  }

  /**
   * Returns a copy with another area range.
   *
   * @param min the smallest share of the area
   * @param max the largest share of the area
   * @return the new operation
   */
  public RandomResizedCrop withScale(double min, double max) {
    return new RandomResizedCrop(
        height, width, min, max, minRatio, maxRatio, sampling, minObjectCovered);
  }

  /**
   * Returns a copy with another aspect-ratio range.
   *
   * @param min the smallest width/height ratio
   * @param max the largest width/height ratio
   * @return the new operation
   */
  public RandomResizedCrop withRatio(double min, double max) {
    return new RandomResizedCrop(
        height, width, minScale, maxScale, min, max, sampling, minObjectCovered);
  }

  /**
   * Draws the box with this crop's sampler, on an image of {@code w × h} pixels.
   *
   * @return left, top, width, height in pixels
   */
  int[] drawBox(int w, int h, KeyedRandom rnd) {
    return sampling == Sampling.TENSORFLOW ? drawTensorFlowBox(w, h, rnd) : drawTorchBox(w, h, rnd);
  }

  /** torchvision's {@code RandomResizedCrop.get_params}. */
  private int[] drawTorchBox(int w, int h, KeyedRandom rnd) {
    double area = (double) w * h;
    double logMin = Math.log(minRatio);
    double logMax = Math.log(maxRatio);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * rnd.uniform(minScale, maxScale);
      double ratio = Math.exp(rnd.uniform(logMin, logMax));
      int cw = (int) Math.rint(Math.sqrt(target * ratio));
      int ch = (int) Math.rint(Math.sqrt(target / ratio));
      if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
        int top = rnd.nextInt(h - ch + 1);
        int left = rnd.nextInt(w - cw + 1);
        return new int[] {left, top, cw, ch};
      }
    }
    double inRatio = (double) w / h;
    int cw;
    int ch;
    if (inRatio < minRatio) {
      cw = w;
      ch = (int) Math.rint(w / minRatio);
    } else if (inRatio > maxRatio) {
      ch = h;
      cw = (int) Math.rint(h * maxRatio);
    } else {
      cw = w;
      ch = h;
    }
    return new int[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
  }

  /**
   * TensorFlow's {@code sample_distorted_bounding_box} for an image whose one object is the whole
   * image, in single precision where TensorFlow computes in it.
   */
  private int[] drawTensorFlowBox(int w, int h, KeyedRandom rnd) {
    float minRatioF = (float) minRatio;
    float maxRatioF = (float) maxRatio;
    float imageArea = (float) w * h;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      float ratio = (float) rnd.uniform(0, 1) * (maxRatioF - minRatioF) + minRatioF;
      int[] box = tensorFlowCandidate(w, h, ratio, rnd);
      if (box != null) {
        float area = (float) box[2] * box[3];
        if (area >= 1 && area / imageArea >= (float) minObjectCovered) {
          return box;
        }
      }
    }
    return new int[] {0, 0, w, h};
  }

  /**
   * One attempt: the height uniform among the integers between the heights of boxes of {@code
   * minScale} and {@code maxScale} of the area at this ratio, then the offsets.
   *
   * @return left, top, width, height, or null when no box of this ratio fits the area range
   */
  private int @Nullable [] tensorFlowCandidate(int w, int h, float ratio, KeyedRandom rnd) {
    float minArea = (float) minScale * w * h;
    float maxArea = (float) maxScale * w * h;
    int ch = (int) Math.rint((float) Math.sqrt(minArea / ratio));
    int maxHeight = (int) Math.rint((float) Math.sqrt(maxArea / ratio));
    if (Math.rint(maxHeight * ratio) > w) {
      // The tallest box whose rounded width still fits.
      maxHeight = (int) ((w + 0.5 - 1e-7) / ratio);
      if (Math.rint(maxHeight * ratio) > w) {
        maxHeight -= 1;
      }
    }
    maxHeight = Math.min(maxHeight, h);
    if (ch >= maxHeight) {
      ch = maxHeight;
    } else {
      ch += rnd.nextInt(maxHeight - ch + 1);
    }
    int cw = (int) Math.rint(ch * ratio);
    float area = (float) cw * ch;
    if (area < minArea) { // rounding left it too small: one row taller
      ch += 1;
      cw = (int) Math.rint(ch * ratio);
      area = (float) cw * ch;
    }
    if (area > maxArea) { // too large: one row shorter
      ch -= 1;
      cw = (int) Math.rint(ch * ratio);
      area = (float) cw * ch;
    }
    if (area < minArea || area > maxArea || cw > w || ch > h || cw <= 0 || ch <= 0) {
      return null;
    }
    int top = ch < h ? rnd.nextInt(h - ch) : 0;
    int left = cw < w ? rnd.nextInt(w - cw) : 0;
    return new int[] {left, top, cw, ch};
  }
}

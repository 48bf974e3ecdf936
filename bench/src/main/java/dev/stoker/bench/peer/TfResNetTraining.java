package dev.stoker.bench.peer;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.image.DecodeAndCropJpeg;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.SampleDistortedBoundingBox;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Job T's tf.data side: the ImageNet training preprocessing of TensorFlow's official ResNet input
 * pipeline, as graph ops inside the map function of a {@link TfDataPipeline}.
 *
 * <pre>
 *  ExtractJpegShape ─► SampleDistortedBoundingBoxV2 ─► DecodeAndCropJpeg (only the crop)
 *      (no boxes: the image is the object; min_object_covered 0.1,
 *       aspect 3/4–4/3, area 0.05–1, 10 attempts)
 *  ─► random_flip_left_right ─► ResizeBilinear 224 (half-pixel centres)
 *  ─► (x − mean·255) / (std·255), float32
 * </pre>
 *
 * <p>The order (crop, flip, resize) is the official one ({@code _decode_crop_and_flip} then {@code
 * _resize_image}). Python's {@code random_flip_left_right} reverses the image under a {@code
 * tf.cond}; a graph without control flow gets the same result from {@code ReverseV2} whose axis
 * list is {@code [1]} or empty, drawn per image, which costs at most one copy of the crop. The mean
 * and standard deviation are ImageNet's ({@link #mean()}, {@link #std()}), as in {@code
 * official/vision}'s {@code normalize_image}; Stoker's side uses the same values.
 */
public final class TfResNetTraining {
  private static final double[] MEAN = {0.485, 0.456, 0.406};
  private static final double[] STD = {0.229, 0.224, 0.225};

  /** {@code min_object_covered} of the official pipeline. */
  public static final float MIN_OBJECT_COVERED = 0.1f;

  /** {@code area_range}'s lower end in the official pipeline. */
  public static final float MIN_AREA = 0.05f;

  /** {@code area_range}'s upper end. */
  public static final float MAX_AREA = 1.0f;

  /** {@code aspect_ratio_range}'s lower end. */
  public static final float MIN_ASPECT = 0.75f;

  /** {@code aspect_ratio_range}'s upper end: 4/3 (the official code writes 1.33). */
  public static final float MAX_ASPECT = 4f / 3;

  /** {@code max_attempts} of the official pipeline. */
  public static final long MAX_ATTEMPTS = 10;

  private TfResNetTraining() {}

  /**
   * Returns ImageNet's channel means on the 0..1 scale.
   *
   * @return R, G, B
   */
  public static double[] mean() {
    return MEAN.clone();
  }

  /**
   * Returns ImageNet's channel standard deviations on the 0..1 scale.
   *
   * @return R, G, B
   */
  public static double[] std() {
    return STD.clone();
  }

  /**
   * Builds the preprocessing of one JPEG; a {@link TfDataPipeline.Preprocessing}.
   *
   * @param tf the map function's ops
   * @param encoded the JPEG
   * @param options the pipeline's options: {@link TfDataOptions#size()} is the output side, {@link
   *     TfDataOptions#dctMethod()} the IDCT
   * @return the normalised float32 image
   */
  public static Operand<TFloat32> preprocess(
      Ops tf, Operand<TString> encoded, TfDataOptions options) {
    Operand<TInt32> shape = tf.image.extractJpegShape(encoded);
    SampleDistortedBoundingBox<TInt32> box = sampleBox(tf, shape, 0, 0);
    // crop_window = [offset_y, offset_x, target_height, target_width]
    Operand<TInt32> window =
        tf.concat(
            List.of(
                tf.slice(box.begin(), tf.constant(new int[] {0}), tf.constant(new int[] {2})),
                tf.slice(box.sizeOutput(), tf.constant(new int[] {0}), tf.constant(new int[] {2}))),
            tf.constant(0));
    DecodeAndCropJpeg cropped =
        tf.image.decodeAndCropJpeg(
            encoded,
            window,
            DecodeAndCropJpeg.channels(3L),
            DecodeAndCropJpeg.dctMethod(options.dctMethod()));
    // random_flip_left_right: reverse the width axis with probability 1/2.
    Operand<TInt32> flip =
        tf.dtypes.cast(
            tf.math.less(
                tf.random.randomUniform(tf.constant(new int[0]), TFloat32.class),
                tf.constant(0.5f)),
            TInt32.class);
    Operand<TInt32> axes =
        tf.slice(tf.constant(new int[] {1}), tf.constant(new int[] {0}), tf.reshape(flip, one(tf)));
    var flipped = tf.reverse(cropped, axes);
    ResizeBilinear resized =
        tf.image.resizeBilinear(
            tf.expandDims(flipped, tf.constant(0)),
            tf.constant(new int[] {options.size(), options.size()}),
            ResizeBilinear.halfPixelCenters(true));
    Operand<TFloat32> image = tf.squeeze(resized, Squeeze.axis(List.of(0L)));
    return tf.math.div(tf.math.sub(image, tf.constant(scaled(MEAN))), tf.constant(scaled(STD)));
  }

  /**
   * Builds {@code sample_distorted_bounding_box} as the official pipeline calls it, on an image
   * with no boxes.
   *
   * @param tf the ops
   * @param shape the image's {@code [height, width, channels]}
   * @param seed the op's seed (0 with {@code seed2} 0: a random one)
   * @param seed2 the op's second seed
   * @return the op: {@code begin} and {@code size} are {@code [y, x, 0]} and {@code [h, w, -1]}
   */
  public static SampleDistortedBoundingBox<TInt32> sampleBox(
      Ops tf, Operand<TInt32> shape, long seed, long seed2) {
    return tf.image.sampleDistortedBoundingBox(
        shape,
        tf.zeros(tf.constant(Shape.of(1, 0, 4)), TFloat32.class),
        tf.constant(MIN_OBJECT_COVERED),
        SampleDistortedBoundingBox.seed(seed),
        SampleDistortedBoundingBox.seed2(seed2),
        SampleDistortedBoundingBox.aspectRatioRange(MIN_ASPECT, MAX_ASPECT),
        SampleDistortedBoundingBox.areaRange(MIN_AREA, MAX_AREA),
        SampleDistortedBoundingBox.maxAttempts(MAX_ATTEMPTS),
        SampleDistortedBoundingBox.useImageIfNoBoundingBoxes(true));
  }

  private static Operand<TInt32> one(Ops tf) {
    return tf.constant(new int[] {1});
  }

  private static float[] scaled(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) (values[i] * 255);
    }
    return out;
  }
}

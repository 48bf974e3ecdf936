package dev.stoker.bench.report;

import dev.stoker.bench.peer.JobShard;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.resize.SourceWindow;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.op.image.ScaleAndTranslate;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Job P's quality check: both engines' {@code size × size} outputs against a reference neither
 * engine computes: TensorFlow's own antialiased resize ({@code tf.image.resize(antialias=True)},
 * the {@code ScaleAndTranslate} op with the triangle kernel) of TensorFlow's own full-size decode
 * ({@code DecodeJpeg}, accurate IDCT), as PSNR over values in [0, 1]. Stoker decodes at the DCT
 * scale it picks; tf.data decodes at full size; both then resize bilinear without antialiasing.
 */
public final class PsnrCheck {
  private PsnrCheck() {}

  /**
   * The outcome.
   *
   * @param images images compared
   * @param stokerMean Stoker's mean PSNR in dB
   * @param stokerMin Stoker's lowest PSNR
   * @param tfDataMean tf.data's mean PSNR in dB
   * @param tfDataMin tf.data's lowest PSNR
   * @param scales how many images Stoker decoded at each DCT scale
   * @param tfDataRatio the best static {@code DecodeJpeg} ratio for the set (see {@link
   *     #bestRatio}), 1 when no downscale keeps every image at least {@code size} on each side
   * @param tfDataRatioMean tf.data's mean PSNR with that ratio, NaN when it is 1
   */
  public record Result(
      int images,
      double stokerMean,
      double stokerMin,
      double tfDataMean,
      double tfDataMin,
      Map<String, Integer> scales,
      int tfDataRatio,
      double tfDataRatioMean) {
    /**
     * Tells whether tf.data at a {@code DecodeJpeg} ratio is at least as close to the reference as
     * Stoker, and so may stand as Stoker's peer on job P.
     *
     * @param ratio 1 or {@link #tfDataRatio()}
     * @return whether that configuration's mean PSNR is no worse than Stoker's
     */
    public boolean qualifies(int ratio) {
      double p = ratio == 1 ? tfDataMean : tfDataRatioMean;
      return p >= stokerMean;
    }
  }

  /**
   * Runs the check.
   *
   * @param shard the shard
   * @param size the output side
   * @param workers threads for both engines
   * @return the PSNRs
   * @throws IOException when the shard cannot be read
   */
  public static Result run(Path shard, int size, int workers) throws IOException {
    List<byte[]> encoded = JobShard.readImages(shard);
    TfDataOptions tfOptions = TfDataOptions.of(List.of(shard.toString()), size, 4, workers, 2);
    List<float[]> tf = OutputCheck.tfData(tfOptions);
    int ratio = bestRatio(encoded, size);
    List<float[]> tfRatio = ratio == 1 ? List.of() : OutputCheck.tfData(tfOptions.withRatio(ratio));
    double tfRatioSum = 0;
    float[][] ours = OutputCheck.stoker(shard, size, workers, true, encoded.size());
    Map<String, Integer> scales = new TreeMap<>();
    double stokerSum = 0;
    double tfSum = 0;
    double stokerMin = Double.POSITIVE_INFINITY;
    double tfMin = Double.POSITIVE_INFINITY;
    try (Arena arena = Arena.ofConfined();
        ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults())) {
      for (int i = 0; i < encoded.size(); i++) {
        byte[] bytes = encoded.get(i);
        MemorySegment jpeg = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, jpeg, ValueLayout.JAVA_BYTE, 0, bytes.length);
        ImageInfo info = decoder.probe(jpeg);
        DctScale chosen =
            DctScale.choose(
                info.width(),
                info.height(),
                SourceWindow.full(info.width(), info.height()),
                size,
                size,
                decoder.scales(info));
        scales.merge(chosen.toString(), 1, Integer::sum);
        float[] reference = tensorFlowReference(bytes, info.width(), info.height(), size);
        double s = psnr(ours[i], reference);
        double t = psnr(tf.get(i), reference);
        if (ratio > 1) {
          tfRatioSum += psnr(tfRatio.get(i), reference);
        }
        stokerSum += s;
        tfSum += t;
        stokerMin = Math.min(stokerMin, s);
        tfMin = Math.min(tfMin, t);
      }
    }
    int n = encoded.size();
    return new Result(
        n,
        stokerSum / n,
        stokerMin,
        tfSum / n,
        tfMin,
        scales,
        ratio,
        ratio > 1 ? tfRatioSum / n : Double.NaN);
  }

  /**
   * Returns the largest {@code DecodeJpeg} ratio (8, 4, 2) at which every image of a set still
   * decodes to at least {@code size} pixels on each side, as a tf.data user who knows the set would
   * set it statically; 1 when there is none.
   *
   * @param encoded the set's encoded images
   * @param size the output side
   * @return 8, 4, 2 or 1
   */
  static int bestRatio(List<byte[]> encoded, int size) {
    int minSide = Integer.MAX_VALUE;
    try (Arena arena = Arena.ofConfined();
        ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults())) {
      for (byte[] bytes : encoded) {
        MemorySegment jpeg = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, jpeg, ValueLayout.JAVA_BYTE, 0, bytes.length);
        ImageInfo info = decoder.probe(jpeg);
        minSide = Math.min(minSide, Math.min(info.width(), info.height()));
      }
    }
    for (int r : new int[] {8, 4, 2}) {
      if ((minSide + r - 1) / r >= size) {
        return r;
      }
    }
    return 1;
  }

  /**
   * Returns TensorFlow's {@code tf.image.resize(image, [size, size], antialias=True) / 255} of its
   * own full-size decode: {@code ScaleAndTranslate} with the triangle kernel, scale {@code size /
   * side} per axis and no translation, as {@code tf.image.resize} calls it.
   *
   * @param jpeg the encoded image
   * @param width its width
   * @param height its height
   * @param size the output side
   * @return {@code size × size × 3} values, NHWC, nominally in [0, 1]
   */
  static float[] tensorFlowReference(byte[] jpeg, int width, int height, int size) {
    try (EagerSession session = EagerSession.create();
        TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg))) {
      Ops tf = Ops.create(session);
      Operand<TUint8> decoded =
          tf.image.decodeJpeg(
              tf.constantOf(input),
              DecodeJpeg.channels(3L),
              DecodeJpeg.dctMethod("INTEGER_ACCURATE"));
      ScaleAndTranslate resized =
          tf.image.scaleAndTranslate(
              tf.expandDims(decoded, tf.constant(0)),
              tf.constant(new int[] {size, size}),
              tf.constant(new float[] {(float) size / height, (float) size / width}),
              tf.constant(new float[] {0f, 0f}),
              ScaleAndTranslate.kernelType("triangle"),
              ScaleAndTranslate.antialias(true));
      float[] values = new float[size * size * 3];
      try (TFloat32 out = resized.asTensor()) {
        out.copyTo(DataBuffers.of(values, false, false));
      }
      for (int k = 0; k < values.length; k++) {
        values[k] /= 255f;
      }
      return values;
    }
  }

  /**
   * Returns the peak signal-to-noise ratio of an image against a reference, both in [0, 1].
   *
   * @param image the image
   * @param reference the reference, as long as the image
   * @return {@code 10 log₁₀(1 / MSE)} in dB; infinite when equal
   */
  static double psnr(float[] image, float[] reference) {
    double sum = 0;
    for (int k = 0; k < reference.length; k++) {
      double d = (double) image[k] - reference[k];
      sum += d * d;
    }
    double mse = sum / reference.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
  }
}

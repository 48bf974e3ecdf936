package dev.stoker.bench.report;

import dev.stoker.bench.peer.StokerJob;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.bench.peer.TfDataPipeline;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.pipeline.Batch;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Job G's output check: every image of a shard through Stoker's pipeline (full-size decode,
 * bilinear resize, × 1/255) and through tf.data (DecodeJpeg, ResizeBilinear with half-pixel
 * centres, × 1/255) must agree value by value, to float precision; once with the accurate IDCT on
 * both sides, once with the fast one (TensorFlow's default, {@link DecodeOptions#fastDct()}).
 */
public final class OutputCheck {
  private OutputCheck() {}

  /**
   * How the two outputs compared.
   *
   * @param images images compared
   * @param values float values compared
   * @param identical values bit-for-bit equal
   * @param maxAbsDiff the largest absolute difference
   * @param worstImage the record with the largest difference, or -1
   * @param tfData tf.data's configuration
   */
  public record Result(
      int images, long values, long identical, double maxAbsDiff, long worstImage, String tfData) {
    /** The tolerance: 1e-6, a few units in the last place of a value in [0, 1]. */
    public static final double TOLERANCE = 1e-6;

    /**
     * Tells whether every value agrees within {@link #TOLERANCE}.
     *
     * @return true when the outputs are equal to float precision
     */
    public boolean passed() {
      return images > 0 && maxAbsDiff <= TOLERANCE;
    }
  }

  /**
   * Reads a shard with tf.data and every image of it, in record order.
   *
   * @param options tf.data's configuration (read once)
   * @return one array of {@code size × size × 3} floats per record
   */
  public static List<float[]> tfData(TfDataOptions options) {
    List<float[]> out = new ArrayList<>();
    int per = options.size() * options.size() * 3;
    try (TfDataPipeline tf = TfDataPipeline.open(options.once())) {
      while (true) {
        try (org.tensorflow.Result r = tf.next()) {
          TFloat32 images = (TFloat32) r.get(0);
          int n = (int) images.shape().get(0);
          float[] all = new float[n * per];
          images.copyTo(DataBuffers.of(all, false, false));
          for (int i = 0; i < n; i++) {
            float[] one = new float[per];
            System.arraycopy(all, i * per, one, 0, per);
            out.add(one);
          }
        } catch (TFOutOfRangeException end) {
          return out;
        }
      }
    }
  }

  /**
   * Reads a shard once with Stoker and returns every image, indexed by record.
   *
   * @param shard the shard
   * @param size the output side
   * @param workers decode workers
   * @param dctScaling whether the decoder may pick a DCT scale
   * @param records the number of records in the shard
   * @return one array per record
   * @throws IOException when the shard cannot be read
   */
  public static float[][] stoker(Path shard, int size, int workers, boolean dctScaling, int records)
      throws IOException {
    return stoker(shard, size, workers, dctScaling, records, DecodeOptions.defaults());
  }

  private static float[][] stoker(
      Path shard, int size, int workers, boolean dctScaling, int records, DecodeOptions options)
      throws IOException {
    int per = size * size * 3;
    float[][] out = new float[records][];
    try (StokerJob job =
        StokerJob.open(shard, size, 16, workers, 2, dctScaling, 1, null, options)) {
      while (job.pipeline().hasNext()) {
        try (Batch b = job.pipeline().next()) {
          for (int i = 0; i < b.size(); i++) {
            int id = (int) b.sampleId(i);
            out[id] =
                b.images()
                    .asSlice((long) i * per * Float.BYTES, (long) per * Float.BYTES)
                    .toArray(ValueLayout.JAVA_FLOAT);
          }
        }
      }
    }
    return out;
  }

  /**
   * Runs the check.
   *
   * @param shard the shard
   * @param size the output side
   * @param workers threads for both engines
   * @return the comparison
   * @throws IOException when the shard cannot be read
   */
  public static Result run(Path shard, int size, int workers) throws IOException {
    return run(shard, size, workers, false);
  }

  /**
   * Runs the check with one of the two IDCTs on both sides.
   *
   * @param shard the shard
   * @param size the output side
   * @param workers threads for both engines
   * @param fastDct false: Stoker's default (accurate IDCT) against {@code
   *     dct_method="INTEGER_ACCURATE"}; true: Stoker with {@link DecodeOptions#fastDct()} against
   *     tf.data with {@code DecodeJpeg}'s default {@code dct_method}
   * @return the comparison
   * @throws IOException when the shard cannot be read
   */
  public static Result run(Path shard, int size, int workers, boolean fastDct) throws IOException {
    TfDataOptions options = TfDataOptions.of(List.of(shard.toString()), size, 16, workers, 2);
    if (fastDct) {
      options = options.withDctMethod("");
    }
    List<float[]> reference = tfData(options);
    float[][] ours =
        stoker(
            shard,
            size,
            workers,
            false,
            reference.size(),
            DecodeOptions.builder().fastDct(fastDct).build());
    long values = 0;
    long identical = 0;
    double max = 0;
    long worst = -1;
    for (int r = 0; r < reference.size(); r++) {
      float[] want = reference.get(r);
      float[] got = ours[r];
      if (got == null) {
        throw new IllegalStateException(
            "record=" + r + " (expected: delivered by Stoker's pipeline once)");
      }
      for (int k = 0; k < want.length; k++) {
        values++;
        if (Float.floatToRawIntBits(got[k]) == Float.floatToRawIntBits(want[k])) {
          identical++;
        } else {
          double d = Math.abs((double) got[k] - want[k]);
          if (d > max || Double.isNaN(d)) {
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            worst = r;
          }
        }
      }
    }
    return new Result(reference.size(), values, identical, max, worst, options.once().describe());
  }

  /**
   * Runs the check on a shard or folder and prints the result.
   *
   * @param args the source, then optionally the size
   * @throws IOException when the source cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = java.nio.file.Files.createTempDirectory("stoker-check");
    try {
      Path shard = dev.stoker.bench.peer.JobShard.prepare(args[0], dir, Integer.MAX_VALUE);
      int size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
      System.out.println(run(shard, size, 2));
    } finally {
      dev.stoker.bench.peer.JobShard.deleteTree(dir);
    }
  }
}

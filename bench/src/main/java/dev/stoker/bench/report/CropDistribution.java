package dev.stoker.bench.report;

import dev.stoker.augment.Augmentation;
import dev.stoker.bench.peer.JobShard;
import dev.stoker.bench.peer.StokerJob;
import dev.stoker.bench.peer.TfResNetTraining;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.SampleDistortedBoundingBox;
import org.tensorflow.types.TInt32;

/**
 * Job T's statistical check. The two engines draw their crops independently, so their outputs
 * cannot be compared image by image; instead this draws {@code n} crops from TensorFlow's own op
 * ({@code SampleDistortedBoundingBoxV2}, configured as {@link TfResNetTraining}) and {@code n} from
 * Stoker's planner ({@link StokerJob#training}), on the same image shapes in the same order, and
 * runs a two-sample Kolmogorov–Smirnov test on the crop's share of the image area and on the log of
 * its aspect ratio (width / height). A small p says the distributions differ.
 */
final class CropDistribution {
  /** The output side of the augmentation whose crops are drawn; crops do not depend on it. */
  private static final int CHECK_SIZE = 224;

  private CropDistribution() {}

  /**
   * The outcome.
   *
   * @param shapes distinct image shapes the crops were drawn on
   * @param area the KS test on the area share
   * @param logAspect the KS test on the log aspect ratio
   * @param tfWhole the share of TensorFlow's crops that are the whole image (its fallback after ten
   *     failed attempts, or a draw of the whole image)
   * @param stokerWhole the same share of Stoker's crops
   */
  record Result(
      int shapes,
      KolmogorovSmirnov area,
      KolmogorovSmirnov logAspect,
      double tfWhole,
      double stokerWhole) {
    /**
     * Tells whether neither test rejects at the 1 % level.
     *
     * @return true when both p-values are at least 0.01
     */
    boolean consistent() {
      return area.p() >= 0.01 && logAspect.p() >= 0.01;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "crop distributions, %d crops each on %d image shapes: area share %s, log aspect %s;"
              + " whole image: tf.data %.1f %%, Stoker %.1f %%",
          area.n(),
          shapes,
          area,
          logAspect,
          100 * tfWhole,
          100 * stokerWhole);
    }
  }

  /**
   * Runs the check on the image shapes of a shard.
   *
   * @param shard the TFRecord shard
   * @param n crops drawn by each engine
   * @param seed the seed of both samplers
   * @return the outcome
   * @throws IOException when the shard cannot be read
   */
  static Result run(Path shard, int n, long seed) throws IOException {
    return run(shapes(shard), StokerJob.training(CHECK_SIZE), n, seed);
  }

  /**
   * Runs the check on given image shapes, cycling through them, against a given augmentation.
   *
   * @param shapes {@code {width, height}} of each image
   * @param stoker the augmentation whose crop is compared with TensorFlow's
   * @param n crops drawn by each engine
   * @param seed the seed of both samplers
   * @return the outcome
   */
  static Result run(List<int[]> shapes, Augmentation stoker, int n, long seed) {
    double[][] tf = tensorFlowCrops(shapes, n, seed);
    double[][] ours = new double[3][n];
    for (int i = 0; i < n; i++) {
      int[] s = shapes.get(i % shapes.size());
      SourceWindow box = stoker.plan(seed, 0, i, s[0], s[1]).geometry().window();
      record(ours, i, s, box.width(), box.height());
    }
    return new Result(
        shapes.size(),
        KolmogorovSmirnov.test(tf[0], ours[0]),
        KolmogorovSmirnov.test(tf[1], ours[1]),
        mean(tf[2]),
        mean(ours[2]));
  }

  private static double[][] tensorFlowCrops(List<int[]> shapes, int n, long seed) {
    double[][] out = new double[3][n];
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt32> shape = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(3)));
      // Both seeds set: the op's sequence is fixed, so the check is repeatable.
      SampleDistortedBoundingBox<TInt32> box =
          TfResNetTraining.sampleBox(tf, shape, seed, seed + 1);
      for (int i = 0; i < n; i++) {
        int[] s = shapes.get(i % shapes.size());
        try (TInt32 in = TInt32.vectorOf(s[1], s[0], 3);
            org.tensorflow.Result r =
                session.runner().feed(shape, in).fetch(box.sizeOutput()).run()) {
          TInt32 size = (TInt32) r.get(0);
          record(out, i, s, size.getInt(1), size.getInt(0));
        }
      }
    }
    return out;
  }

  private static void record(double[][] out, int i, int[] shape, double w, double h) {
    out[0][i] = w * h / ((double) shape[0] * shape[1]);
    out[1][i] = Math.log(w / h);
    out[2][i] = w == shape[0] && h == shape[1] ? 1 : 0;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static List<int[]> shapes(Path shard) throws IOException {
    List<int[]> out = new ArrayList<>();
    try (ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults());
        Arena arena = Arena.ofConfined()) {
      for (byte[] jpeg : JobShard.readImages(shard)) {
        MemorySegment encoded = arena.allocate(jpeg.length);
        MemorySegment.copy(jpeg, 0, encoded, ValueLayout.JAVA_BYTE, 0, jpeg.length);
        ImageInfo info = decoder.probe(encoded);
        out.add(new int[] {info.width(), info.height()});
      }
    }
    return out;
  }
}

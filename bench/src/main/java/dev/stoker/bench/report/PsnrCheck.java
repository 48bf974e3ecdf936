package dev.stoker.bench.report;

import dev.stoker.bench.peer.JobShard;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import dev.stoker.decode.resize.SourceWindow;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Job P's quality check: both engines' {@code size × size} outputs against an antialiased resize
 * (the {@link ResizeFilter#TRIANGLE} filter, {@code tf.image.resize(antialias=True)}) of the
 * full-size decode, as PSNR over values in [0, 1]. Stoker decodes at the DCT scale it picks;
 * tf.data decodes at full size; both then resize bilinear without antialiasing.
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
   */
  public record Result(
      int images,
      double stokerMean,
      double stokerMin,
      double tfDataMean,
      double tfDataMin,
      Map<String, Integer> scales) {}

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
    List<float[]> tf =
        OutputCheck.tfData(TfDataOptions.of(List.of(shard.toString()), size, 4, workers, 2));
    float[][] ours = OutputCheck.stoker(shard, size, workers, true, encoded.size());
    Map<String, Integer> scales = new TreeMap<>();
    double stokerSum = 0;
    double tfSum = 0;
    double stokerMin = Double.POSITIVE_INFINITY;
    double tfMin = Double.POSITIVE_INFINITY;
    BatchLayout layout = new BatchLayout(1, size, size, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    ResizeSpec antialiased =
        ResizeSpec.builder().filter(ResizeFilter.TRIANGLE).normalize(1f / 255, 0f).build();
    Resizer resizer = new Resizer();
    try (Arena arena = Arena.ofConfined();
        ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults())) {
      MemorySegment slab = arena.allocate(layout.byteSize(), 64);
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
        long stride = (long) info.width() * 3;
        MemorySegment pixels = arena.allocate(stride * info.height(), 64);
        PixelBuffer full = decoder.decode(jpeg, DctScale.FULL, 3, pixels, stride);
        resizer.resize(full, antialiased, SampleTarget.of(slab, layout, 0));
        float[] reference = slab.toArray(ValueLayout.JAVA_FLOAT);
        double s = psnr(ours[i], reference);
        double t = psnr(tf.get(i), reference);
        stokerSum += s;
        tfSum += t;
        stokerMin = Math.min(stokerMin, s);
        tfMin = Math.min(tfMin, t);
      }
    }
    int n = encoded.size();
    return new Result(n, stokerSum / n, stokerMin, tfSum / n, tfMin, scales);
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

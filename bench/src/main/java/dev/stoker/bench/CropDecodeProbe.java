package dev.stoker.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link CropDecodeBenchmark}'s engines measured in process CPU time per image, in alternating
 * rounds in one JVM, for a shared machine where JMH's wall time is too noisy to compare them.
 * Process CPU rather than thread CPU, because TensorFlow runs its kernels on its own threads.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     dev.stoker.bench.CropDecodeProbe testdata/imagenet-like 600 5
 * }</pre>
 *
 * Prints each engine's median and range of CPU µs per image over the rounds, and each TensorFlow
 * engine's per-round ratio to {@code turbojpeg} (median and range). Arguments: the corpus folder,
 * images per round per engine, rounds.
 */
public final class CropDecodeProbe {
  private static final String[] ENGINES = {"turbojpeg", "tf-crop", "tf-full"};

  private CropDecodeProbe() {}

  /**
   * Runs the probe.
   *
   * @param args corpus folder, images per round, rounds
   * @throws IOException when the corpus cannot be read
   */
  public static void main(String[] args) throws IOException {
    String corpus = args.length > 0 ? args[0] : "testdata/imagenet-like";
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    CropDecodeBenchmark[] engines = new CropDecodeBenchmark[ENGINES.length];
    double[][] perImage = new double[ENGINES.length][rounds];
    try {
      for (int e = 0; e < ENGINES.length; e++) {
        engines[e] = new CropDecodeBenchmark();
        engines[e].engine = ENGINES[e];
        engines[e].corpus = corpus;
        engines[e].setUp();
        for (int i = 0; i < images; i++) { // warm-up
          engines[e].decode();
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int e = 0; e < ENGINES.length; e++) {
          long start = os.getProcessCpuTime();
          for (int i = 0; i < images; i++) {
            engines[e].decode();
          }
          perImage[e][r] = (os.getProcessCpuTime() - start) / 1e3 / images;
        }
      }
    } finally {
      for (CropDecodeBenchmark engine : engines) {
        if (engine != null) {
          engine.tearDown();
        }
      }
    }
    for (int e = 0; e < ENGINES.length; e++) {
      System.out.println(ENGINES[e] + " CPU µs/image: " + summary(perImage[e], "%.0f"));
    }
    for (int e = 1; e < ENGINES.length; e++) {
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = perImage[e][r] / perImage[0][r];
      }
      System.out.println(ENGINES[e] + " / turbojpeg: " + summary(ratio, "%.2f"));
    }
  }

  private static String summary(double[] values, String format) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "median " + format + " (" + format + "–" + format + ")",
        sorted[sorted.length / 2],
        sorted[0],
        sorted[sorted.length - 1]);
  }
}

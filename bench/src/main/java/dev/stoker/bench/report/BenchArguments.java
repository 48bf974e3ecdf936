package dev.stoker.bench.report;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code stoker bench}, parsed by picocli ({@code --name value} or {@code
 * --name=value}, {@code --help}, {@code --version}) into {@link BenchSettings}. The defaults are
 * {@link BenchSettings#defaults()}; the settings' constructor checks the ranges. One instance per
 * parse; not thread-safe.
 */
@Command(
    name = "stoker bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    synopsisHeading = "usage: ",
    descriptionHeading = "%n",
    optionListHeading = "%noptions:%n",
    footerHeading = "%n",
    description = {
      "Measures Stoker against tf.data (TensorFlow's input engine, same files, same threads), the"
          + " plain JDK (ImageIO + Graphics2D on an ExecutorService) and the bare decode+resize"
          + " kernel, on job G (--source) and job P (--photos), and job T (the ImageNet training"
          + " preprocessing of TensorFlow's official ResNet input) on both, and writes report.md,"
          + " sweep.png and jmh-*.json to --out. Without --source or --photos it generates that job's data"
          + " once (seeded, camera-like JPEGs, cached in OUT/generated-data): real data is the"
          + " better measure."
    },
    footer =
        "Exit status: 0 done, 1 a check failed or a file could not be written, 2 a bad command"
            + " line.")
final class BenchArguments {
  private final BenchSettings d = BenchSettings.defaults();
  private boolean quick = d.quick();

  @Option(
      names = "--quick",
      description = "one short iteration per benchmark (under a minute on 2 cores)")
  void quick(boolean ignored) {
    quick = true;
  }

  @Option(
      names = "--full",
      description =
          "2 warm-up + 3 measured iterations of 3 s, heap allocation, 3 alternating rounds, the"
              + " full sweep (default; about 20 minutes on 2 idle cores); the later of --quick and"
              + " --full wins")
  void full(boolean ignored) {
    quick = false;
  }

  @Option(
      names = "--source",
      paramLabel = "URI",
      description =
          "job G's data: a TFRecord shard (image/encoded, image/class/label) or a folder of JPEGs,"
              + " written into a shard first (default: 300 generated ImageNet-like JPEGs, about"
              + " 500×375, q90 4:2:0, about 4 bits/pixel)")
  @Nullable String source;

  @Option(
      names = "--photos",
      paramLabel = "URI",
      description =
          "job P's data, likewise (default: 12 generated photo-like JPEGs, 2 to 12 MP, one"
              + " progressive, one grayscale)")
  @Nullable String photos;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the results go (default: ${DEFAULT-VALUE})")
  Path out = d.out();

  @Option(names = "--size", paramLabel = "N", description = "output side (${DEFAULT-VALUE})")
  int size = d.size();

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = "images per batch of job G (${DEFAULT-VALUE})")
  int batch = d.batch();

  @Option(
      names = "--photo-batch",
      paramLabel = "N",
      description = "images per batch of job P (${DEFAULT-VALUE})")
  int photoBatch = d.photoBatch();

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "decode threads of every engine (default: the cores, ${DEFAULT-VALUE})")
  int workers = d.workers();

  @Option(
      names = "--prefetch",
      paramLabel = "N",
      description = "batches prefetched by every engine (${DEFAULT-VALUE})")
  int prefetch = d.prefetch();

  @Option(names = "--limit", paramLabel = "N", description = "the most images taken from a folder")
  int limit = d.limit();

  @Option(
      names = "--step-ms",
      paramLabel = "N",
      description =
          "the paced consumer's training step per batch, parked (default: sized so the consumer"
              + " needs 70 % of the best configuration's capacity)")
  int stepMillis = d.stepMillis();

  @Option(
      names = "--forks",
      paramLabel = "N",
      description =
          "JMH forks per benchmark (${DEFAULT-VALUE}; 0 runs in this JVM, for smoke tests only)")
  int forks = d.forks();

  @Option(
      names = "--iteration-ms",
      paramLabel = "N",
      description = "quick mode's measured iteration (${DEFAULT-VALUE}; warm-up is half)")
  int iterationMillis = d.iterationMillis();

  /**
   * Returns the settings.
   *
   * @return the settings
   * @throws IllegalArgumentException when a value is out of range
   */
  BenchSettings settings() {
    return new BenchSettings(
        quick,
        source == null ? null : uri(source),
        photos == null ? null : uri(photos),
        out,
        size,
        batch,
        photoBatch,
        workers,
        prefetch,
        limit,
        stepMillis,
        forks,
        iterationMillis);
  }

  private static String uri(String s) {
    return s.startsWith("file://") ? Path.of(URI.create(s)).toString() : s;
  }
}

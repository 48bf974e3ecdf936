package dev.stoker.cli.demo;

import dev.stoker.cli.internal.ToolCommand;
import dev.stoker.convert.cli.OptionValues;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.convert.cli.UsageLine;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stoker demo}: generates a labelled image dataset, converts it to TFRecord shards, trains a
 * small CNN in TensorFlow Java fed by a Stoker pipeline, and writes TensorBoard logs, a chart and
 * an HTML report. Nothing is downloaded.
 *
 * <pre>{@code
 * stoker demo --work-dir /tmp/stoker-demo
 * stoker demo --images-per-class 100 --epochs 2 --size 32     # a quick look
 * }</pre>
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "generate a shape dataset, convert it, train a small CNN on it, report",
      "",
      "Generates JPEGs of six classes of shapes (circle, cross, ring, square, star, triangle) with"
          + " varied colours, sizes, rotations, positions and backgrounds; converts them with"
          + " tfrecord-convert (split 0.8,0.1,0.1); trains a small CNN in TensorFlow Java, fed by a"
          + " Stoker pipeline with random-resized crops, flips and rescaling to [0,1]; prints each"
          + " epoch's loss, accuracy, images/s and input stall, then the test accuracy; writes"
          + " TensorBoard logs, history.png and report.html under the work folder."
    })
public final class DemoCommand implements ToolCommand {
  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "where everything is written (default: ./stoker-demo)")
  @Nullable String workDir;

  @Option(
      names = "--images-per-class",
      paramLabel = "N",
      description =
          "images generated per class, 10..100000 (default: "
              + DemoOptions.DEFAULT_IMAGES_PER_CLASS
              + ")")
  @Nullable String imagesPerClass;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "training epochs, 1..1000 (default: " + DemoOptions.DEFAULT_EPOCHS + ")")
  @Nullable String epochs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "seed of the data, split, augmentation and weights (default: "
              + DemoOptions.DEFAULT_SEED
              + ")")
  @Nullable String seed;

  @Option(
      names = "--size",
      paramLabel = "N",
      description =
          "image side in pixels, a multiple of 8 in 16..256 (default: "
              + DemoOptions.DEFAULT_SIZE
              + ")")
  @Nullable String size;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "pipeline decode workers, 1..64 (default: 2)")
  @Nullable String workers;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "samples per batch, 1..4096 (default: " + DemoOptions.DEFAULT_BATCH_SIZE + ")")
  @Nullable String batchSize;

  /** Creates the command. */
  public DemoCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) throws UsageException, IOException {
    DemoOptions options = options();
    try {
      new DemoRun(options, out, err).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stoker demo interrupted");
    }
    return 0;
  }

  /**
   * Parses a command line into options.
   *
   * @param argv the arguments after {@code demo}
   * @return the options
   * @throws UsageException when an argument is unknown or out of range
   */
  static DemoOptions parse(List<String> argv) throws UsageException {
    DemoCommand command = new DemoCommand();
    try {
      new CommandLine(command).parseArgs(argv.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(UsageLine.of(e));
    }
    return command.options();
  }

  private DemoOptions options() throws UsageException {
    int size = OptionValues.intIn("--size", this.size, 16, 256, DemoOptions.DEFAULT_SIZE);
    if (size % 8 != 0) {
      throw new UsageException("--size=" + size + " (expected: a multiple of 8 in 16..256)");
    }
    return new DemoOptions(
        Path.of(workDir == null ? "stoker-demo" : workDir),
        OptionValues.intIn(
            "--images-per-class",
            imagesPerClass,
            10,
            100_000,
            DemoOptions.DEFAULT_IMAGES_PER_CLASS),
        OptionValues.intIn("--epochs", epochs, 1, 1000, DemoOptions.DEFAULT_EPOCHS),
        OptionValues.longIn(
            "--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE, DemoOptions.DEFAULT_SEED),
        size,
        OptionValues.intIn("--workers", workers, 1, 64, 2),
        OptionValues.intIn("--batch-size", batchSize, 1, 4096, DemoOptions.DEFAULT_BATCH_SIZE),
        DemoOptions.DEFAULT_LEARNING_RATE);
  }
}

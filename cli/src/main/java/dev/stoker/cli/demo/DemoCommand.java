package dev.stoker.cli.demo;

import dev.stoker.cli.internal.Args;
import dev.stoker.cli.internal.Command;
import dev.stoker.cli.internal.UsageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
public final class DemoCommand implements Command {
  private static final Set<String> VALUED =
      Set.of("work-dir", "images-per-class", "epochs", "seed", "size", "workers", "batch-size");

  /** Creates the command. */
  public DemoCommand() {}

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "generate a shape dataset, convert it, train a small CNN on it, report";
  }

  @Override
  public String usage() {
    return """
        usage: stoker demo [OPTIONS]

        Generates JPEGs of six classes of shapes (circle, cross, ring, square, star, triangle)
        with varied colours, sizes, rotations, positions and backgrounds; converts them with
        tfrecord-convert (split 0.8,0.1,0.1); trains a small CNN in TensorFlow Java, fed by a
        Stoker pipeline with random-resized crops, flips and rescaling to [0,1]; prints each
        epoch's loss, accuracy, images/s and input stall, then the test accuracy; writes
        TensorBoard logs, history.png and report.html under the work folder.

        options:
          --work-dir DIR          where everything is written (default: ./stoker-demo)
          --images-per-class N    images generated per class, 10..100000 (default: %d)
          --epochs N              training epochs, 1..1000 (default: %d)
          --seed S                seed of the data, split, augmentation and weights (default: %d)
          --size N                image side in pixels, a multiple of 8 in 16..256 (default: %d)
          --workers N             pipeline decode workers, 1..64 (default: 2)
          --batch-size N          samples per batch, 1..4096 (default: %d)
          --help                  this help
        """
        .formatted(
            DemoOptions.DEFAULT_IMAGES_PER_CLASS,
            DemoOptions.DEFAULT_EPOCHS,
            DemoOptions.DEFAULT_SEED,
            DemoOptions.DEFAULT_SIZE,
            DemoOptions.DEFAULT_BATCH_SIZE);
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    DemoOptions options = parse(argv);
    try {
      new DemoRun(options, out, err).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stoker demo interrupted");
    }
    return 0;
  }

  /**
   * Parses the command line into options.
   *
   * @param argv the arguments after {@code demo}
   * @return the options
   * @throws UsageException when an argument is unknown or out of range
   */
  static DemoOptions parse(List<String> argv) throws UsageException {
    Args args = Args.parse(argv, VALUED, Set.of());
    if (!args.operands().isEmpty()) {
      throw new UsageException(
          "unexpected argument " + args.operands().getFirst() + " (expected: options only)");
    }
    String dir = args.option("work-dir");
    int size = args.intOption("size", 16, 256, DemoOptions.DEFAULT_SIZE);
    if (size % 8 != 0) {
      throw new UsageException("--size=" + size + " (expected: a multiple of 8 in 16..256)");
    }
    return new DemoOptions(
        Path.of(dir == null ? "stoker-demo" : dir),
        args.intOption("images-per-class", 10, 100_000, DemoOptions.DEFAULT_IMAGES_PER_CLASS),
        args.intOption("epochs", 1, 1000, DemoOptions.DEFAULT_EPOCHS),
        args.longOption("seed", Long.MIN_VALUE, Long.MAX_VALUE, DemoOptions.DEFAULT_SEED),
        size,
        args.intOption("workers", 1, 64, 2),
        args.intOption("batch-size", 1, 4096, DemoOptions.DEFAULT_BATCH_SIZE),
        DemoOptions.DEFAULT_LEARNING_RATE);
  }
}

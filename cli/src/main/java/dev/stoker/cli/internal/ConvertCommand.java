package dev.stoker.cli.internal;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.convert.Converter;
import dev.stoker.convert.FolderFeed;
import dev.stoker.convert.ParquetFeed;
import dev.stoker.convert.SampleFeed;
import dev.stoker.convert.TfRecordFeed;
import dev.stoker.convert.cli.ConvertSettings;
import dev.stoker.convert.cli.OptionValues;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.io.source.SplitFractions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tfrecord-convert}: a dataset in, balanced and shuffled TFRecord shards out. */
@Command(
    name = "tfrecord-convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "convert image folders, Parquet or TFRecord shards into TFRecord shards",
      "",
      "Writes a dataset as TFRecord shards of tf.train.Example in the schema of TensorFlow's"
          + " ImageNet conversion script (image/encoded, image/format, image/class/label (0-based),"
          + " image/class/text, image/height, image/width, image/filename), named"
          + " NAME-SPLIT-00000-of-000NN.tfrecord, with a manifest.json beside them."
    },
    footer = {
      "Samples are shuffled across shards with the seed, and shards of a split differ in size by"
          + " at most one. Every image is decoded once to check it; an unreadable one is listed"
          + " with its reason and skipped. Each shard is written under a hidden .partial name and"
          + " renamed when complete. Progress goes to stderr, the summary to stdout.",
      "",
      "Exit status: 0 done (skipped images are listed), 1 nothing written, an image skipped under"
          + " --strict, or an I/O error, 2 a bad command line."
    })
public final class ConvertCommand implements ToolCommand {
  @Parameters(
      paramLabel = "INPUT",
      description = {
        "an image folder: ROOT/<class>/<image>, or ROOT/train|val|test/<class>/<image>;",
        "Parquet shards: Hugging Face layout, image {bytes, path}, label;",
        "TFRecord shards: re-sharded or recompressed, every record copied as it is"
      })
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "output folder (required); created if missing")
  String outFolder = "";

  @Mixin ConvertSettings settings = new ConvertSettings();

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "threads that check and encode images (default: CPU count)")
  @Nullable String workers;

  @Option(
      names = "--input-format",
      paramLabel = "F",
      description = "folder, parquet or tfrecord (default: detected)")
  @Nullable String inputFormat;

  /** Creates the command. */
  public ConvertCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) throws UsageException, IOException {
    if (inputs.isEmpty()) {
      throw new UsageException(
          "no INPUT given (expected: an image folder, or Parquet or TFRecord shards)");
    }
    Path outDir = Path.of(ConvertSettings.outFolder(outFolder));
    int workers =
        OptionValues.intIn(
            "--workers",
            this.workers,
            1,
            1024,
            Math.max(1, Runtime.getRuntime().availableProcessors()));
    String kind =
        OptionValues.choice(
            "--input-format", inputFormat, List.of("folder", "parquet", "tfrecord"), "");
    if (kind.isEmpty()) {
      kind = detect(inputs);
    }
    if (kind.equals("folder") && inputs.size() != 1) {
      throw new UsageException(
          "INPUT=" + String.join(" ", inputs) + " (expected: one image folder)");
    }
    Path first = Path.of(inputs.getFirst()).toAbsolutePath().normalize();
    String defaultName =
        kind.equals("folder") && first.getFileName() != null
            ? first.getFileName().toString()
            : "data";
    ConvertOptions options = settings.options(inputs, outDir, defaultName, workers);
    String name = options.name();
    if (kind.equals("tfrecord") && options.rewritesImages()) {
      throw new UsageException(
          "--max-side or --baseline with TFRecord input (expected: image input; records are copied as they are)");
    }
    if (!options.overwrite()) {
      Set<Path> existing = Converter.existingOutput(outDir, name);
      // Shards without a manifest are a run killed while committing: unfinished, so replaced.
      if (existing.contains(outDir.resolve("manifest.json"))) {
        throw new IOException(
            outDir
                + " already holds output of this name ("
                + existing.size()
                + " files, e.g. "
                + existing.iterator().next().getFileName()
                + "; expected: another --out or --name, or --overwrite to replace it)");
      }
    }
    Converter.Result result;
    try (SampleFeed feed = open(kind, inputs, options.split(), options.seed())) {
      result = new Converter(options, out, err).run(feed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted; no shard was left behind under its final name", e);
    }
    if (result.stoppedStrict()) {
      return Dispatch.FAILED;
    }
    if (result.written() == 0) {
      err.println(
          "tfrecord-convert: nothing written: all "
              + result.skipped().size()
              + " images were unreadable");
      return Dispatch.FAILED;
    }
    return Dispatch.OK;
  }

  private static String detect(List<String> inputs) throws UsageException, IOException {
    if (inputs.size() == 1 && Files.isDirectory(Path.of(inputs.getFirst()))) {
      Path dir = Path.of(inputs.getFirst());
      try (Stream<Path> list = Files.list(dir)) {
        List<Path> entries = list.toList();
        if (entries.stream().anyMatch(Files::isDirectory)) {
          return "folder";
        }
        if (entries.stream().anyMatch(p -> p.toString().endsWith(".parquet"))) {
          return "parquet";
        }
        if (entries.stream().anyMatch(p -> p.getFileName().toString().contains(".tfrecord"))) {
          return "tfrecord";
        }
      }
      throw new UsageException(
          "INPUT=" + dir + " (expected: class sub-folders, or .parquet or .tfrecord files)");
    }
    List<String> kinds = new ArrayList<>();
    for (String in : inputs) {
      Path p = Path.of(in);
      if (Files.isDirectory(p)) {
        throw new UsageException("INPUT=" + in + " (expected: one folder alone, or only files)");
      }
      if (!Files.isRegularFile(p)) {
        throw new UsageException("INPUT=" + in + " (expected: an existing file or folder)");
      }
      kinds.add(in.endsWith(".parquet") ? "parquet" : "tfrecord");
    }
    if (kinds.stream().distinct().count() > 1) {
      throw new UsageException("INPUT mixes Parquet and TFRecord files (expected: one kind)");
    }
    return kinds.getFirst();
  }

  private static SampleFeed open(
      String kind, List<String> inputs, @Nullable SplitFractions split, long seed)
      throws IOException, UsageException {
    List<String> files = inputs;
    if (!kind.equals("folder")
        && inputs.size() == 1
        && Files.isDirectory(Path.of(inputs.getFirst()))) {
      String ext = kind.equals("parquet") ? ".parquet" : ".tfrecord";
      try (Stream<Path> list = Files.list(Path.of(inputs.getFirst()))) {
        files =
            list.filter(p -> p.getFileName().toString().endsWith(ext))
                .map(Path::toString)
                .sorted()
                .toList();
      }
    }
    return switch (kind) {
      case "folder" -> openFolder(Path.of(inputs.getFirst()), split, seed);
      case "parquet" -> ParquetFeed.open(files, split, seed);
      default -> TfRecordFeed.open(files.stream().map(Path::of).toList(), split);
    };
  }

  private static SampleFeed openFolder(Path root, @Nullable SplitFractions split, long seed)
      throws IOException, UsageException {
    try {
      return FolderFeed.open(root, split, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}

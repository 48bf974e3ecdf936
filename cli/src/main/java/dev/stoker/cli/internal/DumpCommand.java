package dev.stoker.cli.internal;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Normalization;
import dev.stoker.augment.Resize;
import dev.stoker.convert.CompressionSniffer;
import dev.stoker.convert.cli.OptionValues;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.core.ElementType;
import dev.stoker.core.error.ErrorLine;
import dev.stoker.core.error.SampleException;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.io.Source;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.ParquetOptions;
import dev.stoker.io.source.ParquetSource;
import dev.stoker.io.source.Subset;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineException;
import dev.stoker.pipeline.PipelineOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stoker dump}: runs the pipeline with a plain resize and no augmentation, and writes every
 * image as raw little-endian NHWC to a file, in source order, with the labels one per line beside
 * it. For parity checks against other tools (tf.data, DALI, PIL).
 *
 * <p>Source order is sample-id order: the order of the files, records or rows in the source. The
 * pipeline still reads in its seeded order with several workers; each image is written at byte
 * {@code sampleId × imageBytes} of the output, so the file comes out in source order whatever the
 * order of delivery, with memory bounded by the pipeline's slabs. Every sample must arrive exactly
 * once; a bad sample stops the run (the pipeline's fail-fast policy).
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "decode and resize a dataset in source order to raw NHWC, for parity checks",
      "",
      "Runs the pipeline with a resize and no augmentation and writes every image, in source"
          + " order (the order of files, records or rows), as raw little-endian NHWC (RGB) to FILE"
          + " and the labels, one per line, to FILE.labels."
    },
    footer = "Exit status: 0 done, 1 a bad sample or an I/O error, 2 a bad command line.")
public final class DumpCommand implements ToolCommand {
  @Option(
      names = "--source",
      required = true,
      paramLabel = "URI",
      description =
          "an image folder, Parquet shards or TFRecord shards (files, a folder of them, or a glob)")
  String uri = "";

  @Option(
      names = "--split",
      paramLabel = "S",
      description = "train, val or test: the part of a train/ val/ test/ folder")
  @Nullable String split;

  @Option(
      names = "--size",
      required = true,
      paramLabel = "HxW",
      description = "the output size, e.g. 224x224")
  String size = "";

  @Option(
      names = "--resize",
      paramLabel = "F",
      description = {
        "bilinear (default): tf.image.resize(bilinear, antialias=False);",
        "area: the antialiased triangle filter, tf.image.resize(bilinear, antialias=True), an"
            + " area-like downscale (not TF's \"area\" method)"
      })
  @Nullable String resize;

  @Option(names = "--dtype", paramLabel = "T", description = "uint8 (default) or float32")
  @Nullable String dtype;

  @Option(
      names = "--scale",
      paramLabel = "X",
      description = "multiply each 0..255 value by X (default: 1)")
  @Nullable String scale;

  @Option(
      names = "--offset",
      paramLabel = "Y",
      description = "then add Y (default: 0); uint8 output rounds and clamps")
  @Nullable String offset;

  @Option(names = "--workers", paramLabel = "N", description = "decode threads (default: 2)")
  @Nullable String workers;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "where the images go (FILE.labels gets the labels)")
  String outFile = "";

  @Option(names = "--overwrite", description = "replace FILE and FILE.labels if they exist")
  boolean overwrite;

  /** Creates the command. */
  public DumpCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) throws UsageException, IOException {
    if (uri.isEmpty() || outFile.isEmpty()) {
      throw new UsageException(
          (uri.isEmpty() ? "--source=" : "--out=")
              + " (expected: "
              + (uri.isEmpty() ? "a dataset" : "a file")
              + ")");
    }
    String[] hw = size.toLowerCase(Locale.ROOT).split("x", -1);
    int height;
    int width;
    try {
      if (hw.length != 2) {
        throw new NumberFormatException(size);
      }
      height = Integer.parseInt(hw[0]);
      width = Integer.parseInt(hw[1]);
    } catch (NumberFormatException e) {
      height = -1;
      width = -1;
    }
    if (height < 1 || width < 1 || height > 16384 || width > 16384) {
      throw new UsageException("--size=" + size + " (expected: HxW, each from 1 to 16384)");
    }
    ResizeFilter filter =
        OptionValues.choice("--resize", resize, List.of("bilinear", "area"), "bilinear")
                .equals("area")
            ? ResizeFilter.TRIANGLE
            : ResizeFilter.BILINEAR;
    ElementType type =
        OptionValues.choice("--dtype", dtype, List.of("uint8", "float32"), "uint8")
                .equals("float32")
            ? ElementType.FLOAT32
            : ElementType.UINT8;
    float scale = (float) OptionValues.finite("--scale", this.scale, 1);
    float offset = (float) OptionValues.finite("--offset", this.offset, 0);
    int workers = OptionValues.intIn("--workers", this.workers, 1, 256, 2);
    String split =
        OptionValues.choice(
            "--split", this.split, List.of("train", "val", "validation", "test"), "");
    Path file = Path.of(outFile);
    Path labels = Path.of(file + ".labels");
    if (!overwrite && (Files.exists(file) || Files.exists(labels))) {
      throw new IOException(
          file + " or its .labels exists (expected: --overwrite to replace them)");
    }
    Augmentation augmentation =
        Augmentation.builder()
            .add(new Resize(height, width))
            .filter(filter)
            .normalization(new Normalization(scale, scale, scale, offset, offset, offset))
            .build();
    Path tempImages = file.resolveSibling("." + file.getFileName() + ".partial");
    Path tempLabels = file.resolveSibling("." + labels.getFileName() + ".partial");
    try (Source source = open(uri, split)) {
      long n =
          source.sampleCount().orElseThrow(() -> new IOException(uri + ": sample count unknown"));
      if (n >= Integer.MAX_VALUE) {
        throw new IOException(uri + ": samples=" + n + " (expected: < 2^31 - 1)");
      }
      long[] labelOf = new long[(int) n];
      BitSet seen = new BitSet((int) n);
      long imageBytes;
      try (FileChannel channel =
              FileChannel.open(
                  tempImages,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE);
          Pipeline pipeline =
              Pipeline.open(
                  PipelineOptions.builder()
                      .name("stoker-dump")
                      .source(source)
                      .processor(
                          ImageSampleProcessor.factory(augmentation, DecodeOptions.defaults()))
                      .imageSize(height, width)
                      .elementType(type)
                      .batchSize(16)
                      .workers(workers)
                      .build())) {
        imageBytes = pipeline.options().layout().sampleBytes();
        while (pipeline.hasNext()) {
          try (Batch batch = pipeline.next()) {
            for (int i = 0; i < batch.size(); i++) {
              long id = batch.sampleId(i);
              if (id < 0 || id >= n || seen.get((int) id)) {
                throw new IOException(uri + ": sample " + id + " delivered twice or out of range");
              }
              seen.set((int) id);
              labelOf[(int) id] = batch.label(i);
              var image = batch.images().asSlice(batch.layout().offset(i), imageBytes);
              long at = id * imageBytes;
              for (var buf = image.asByteBuffer(); buf.hasRemaining(); ) {
                at += channel.write(buf, at);
              }
            }
          }
        }
      } catch (PipelineException | SampleException e) {
        Files.deleteIfExists(tempImages);
        throw new IOException(uri + ": " + ErrorLine.of(e), e);
      }
      if (seen.cardinality() != n) {
        Files.deleteIfExists(tempImages);
        throw new IOException(
            uri + ": delivered=" + seen.cardinality() + " samples (expected: " + n + ")");
      }
      try (BufferedWriter w = Files.newBufferedWriter(tempLabels, StandardCharsets.US_ASCII)) {
        for (long l : labelOf) {
          w.write(Long.toString(l));
          w.write('\n');
        }
      }
      Files.move(
          tempImages, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.move(
          tempLabels, labels, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out.printf(
          Locale.ROOT,
          "%s: %d images, [%d, %d, %d, 3] %s little-endian NHWC, %d bytes; labels in %s%n",
          file,
          n,
          n,
          height,
          width,
          type.name().toLowerCase(Locale.ROOT),
          n * imageBytes,
          labels);
      return Dispatch.OK;
    } finally {
      Files.deleteIfExists(tempImages);
      Files.deleteIfExists(tempLabels);
    }
  }

  private static Source open(String uri, String split) throws IOException, UsageException {
    Path path = Path.of(uri);
    if (Files.isDirectory(path)) {
      boolean folder;
      List<String> files;
      try (Stream<Path> list = Files.list(path)) {
        List<Path> entries = list.sorted().toList();
        folder = entries.stream().anyMatch(Files::isDirectory);
        files = entries.stream().filter(Files::isRegularFile).map(Path::toString).toList();
      }
      if (folder) {
        FolderOptions.Builder b = FolderOptions.builder(uri);
        if (!split.isEmpty()) {
          b.subset(
              switch (split) {
                case "train" -> Subset.TRAIN;
                case "test" -> Subset.TEST;
                default -> Subset.VALIDATION;
              });
        }
        return FolderSource.open(b.build());
      }
      List<String> parquet = files.stream().filter(f -> f.endsWith(".parquet")).toList();
      if (!parquet.isEmpty()) {
        return ParquetSource.open(ParquetOptions.builder(parquet).build());
      }
      List<String> tfrecord = files.stream().filter(f -> f.contains(".tfrecord")).toList();
      if (tfrecord.isEmpty()) {
        throw new UsageException(
            "--source=" + uri + " (expected: class folders, or .parquet or .tfrecord files)");
      }
      return TfRecordSource.open(TfRecordOptions.builder(tfrecord).build());
    }
    if (!split.isEmpty()) {
      throw new UsageException(
          "--split=" + split + " (expected: only with a train/ val/ test/ folder)");
    }
    if (uri.endsWith(".parquet")) {
      return ParquetSource.open(ParquetOptions.builder(List.of(uri)).build());
    }
    return TfRecordSource.open(
        TfRecordOptions.builder(List.of(uri))
            .compression(CompressionSniffer.detectOrNone(path))
            .build());
  }
}

package dev.stoker.cli.internal;

import dev.stoker.convert.CompressionSniffer;
import dev.stoker.convert.Digests;
import dev.stoker.convert.cli.OptionValues;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.core.error.ErrorLine;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.example.ExampleJson;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureView;
import dev.stoker.tfrecord.example.InvalidExampleException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stoker inspect}: prints the records of TFRecord files, one JSON line per record, or a
 * summary per file. Compression is detected from each file's first bytes.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "print TFRecord records as JSON lines, or a summary per file",
      "",
      "Prints the records of TFRecord files. Compression (none, GZIP, ZLIB) is detected from each"
          + " file's first bytes."
    },
    footer =
        "Exit status: 0 when every record was read, 1 when a file is damaged or unreadable (the"
            + " message names the file, the record and its offset), 2 for a bad command line.")
public final class InspectCommand implements ToolCommand {
  @Option(
      names = "--format",
      paramLabel = "F",
      description = {
        "json (default): one line per record, the tf.train.Example in the proto3 JSON form that"
            + " protobuf's JsonFormat prints (without whitespace); a record that is not an"
            + " Example prints as {\"length\":N,\"sha256\":\"...\"}",
        "summary: per file, compression, record count, payload sizes, the features of the first"
            + " Example, and label counts when image/class/label is present"
      })
  @Nullable String format;

  @Option(names = "--limit", paramLabel = "N", description = "stop after N records per file")
  @Nullable String limit;

  @Parameters(paramLabel = "FILE", description = "TFRecord files")
  List<String> files = new ArrayList<>();

  /** Creates the command. */
  public InspectCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) throws UsageException, IOException {
    String format =
        OptionValues.choice("--format", this.format, List.of("json", "summary"), "json");
    long limit = OptionValues.longIn("--limit", this.limit, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    if (files.isEmpty()) {
      throw new UsageException("no FILE given (expected: one or more TFRecord files)");
    }
    int status = Dispatch.OK;
    for (String f : files) {
      Path file = Path.of(f);
      try {
        if (format.equals("json")) {
          printJson(file, limit, out);
        } else {
          printSummary(file, limit, out);
        }
      } catch (IOException e) {
        err.println("stoker inspect: error: " + ErrorLine.of(e));
        status = Dispatch.FAILED;
      }
    }
    return status;
  }

  private static TfRecordReader open(Path file) throws IOException {
    TfRecordCompression compression = CompressionSniffer.detect(file);
    return TfRecordReader.open(
        file, TfRecordReaderOptions.builder().compression(compression).build());
  }

  private static void printJson(Path file, long limit, PrintStream out) throws IOException {
    try (TfRecordReader reader = open(file)) {
      for (long n = 0; n < limit && reader.next(); n++) {
        MemorySegment payload = reader.record();
        String line;
        try {
          line = JsonLines.compact(ExampleJson.print(payload));
        } catch (InvalidExampleException e) {
          line =
              "{\"length\":"
                  + payload.byteSize()
                  + ",\"sha256\":\""
                  + Digests.sha256(payload)
                  + "\"}";
        }
        out.println(line);
      }
    }
  }

  private static void printSummary(Path file, long limit, PrintStream out) throws IOException {
    TfRecordCompression compression = CompressionSniffer.detect(file);
    long records = 0;
    long bytes = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    long notExamples = 0;
    Map<String, String> features = new TreeMap<>();
    Map<Long, Long> labels = new TreeMap<>();
    ExampleReader example = new ExampleReader();
    FeatureView view = new FeatureView();
    try (TfRecordReader reader = open(file)) {
      for (; records < limit && reader.next(); records++) {
        MemorySegment payload = reader.record();
        bytes += payload.byteSize();
        min = Math.min(min, payload.byteSize());
        max = Math.max(max, payload.byteSize());
        try {
          example.wrap(payload);
          if (records == 0) {
            for (int i = 0; i < example.entryCount(); i++) {
              example.entry(i, view);
              features.put(
                  example.entryName(i), view.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
          }
          if (example.find("image/class/label", view) && view.count() > 0) {
            labels.merge(view.int64(0), 1L, Long::sum);
          }
        } catch (InvalidExampleException e) {
          notExamples++;
        }
      }
    }
    out.printf(
        "%s: %d records, compression %s, payload %d bytes (min %d, max %d)%s%n",
        file,
        records,
        compression,
        bytes,
        records == 0 ? 0 : min,
        max,
        notExamples == 0 ? "" : ", " + notExamples + " not Examples");
    if (!features.isEmpty()) {
      StringBuilder b = new StringBuilder("  features:");
      features.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      out.println(b);
    }
    if (!labels.isEmpty()) {
      StringBuilder b = new StringBuilder("  labels:");
      labels.forEach((k, v) -> b.append(' ').append(k).append('x').append(v));
      out.println(b);
    }
  }
}

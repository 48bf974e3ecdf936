package dev.stoker.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stoker.convert.CompressionSniffer;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.core.error.ErrorLine;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordIndex;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stoker index}: writes a DALI-format index file ({@code offset size} per line) beside each
 * uncompressed TFRecord file, through a temporary name so a failed run leaves no partial index;
 * with {@code --manifest}, also a {@code manifest.json} per folder listing each file's record count
 * and size, the part of {@code tfrecord-convert}'s manifest a TFRecord source opens from.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "write DALI-format index files",
      "",
      "Writes the index of each uncompressed TFRecord file in NVIDIA DALI's format (one line per"
          + " record: the byte offset of its header and its frame size) to FILE + S. Every frame"
          + " is checked while indexing."
    },
    footer =
        "Exit status: 0 when every index was written, 1 when a file is compressed, damaged or"
            + " unreadable, 2 for a bad command line.")
public final class IndexCommand implements ToolCommand {
  @Option(
      names = "--suffix",
      paramLabel = "S",
      description = "the index file's suffix (default: ${DEFAULT-VALUE})")
  String suffix = ".idx";

  @Option(
      names = "--overwrite",
      description = "replace an existing index file (otherwise it is an error)")
  boolean overwrite;

  @Option(
      names = "--manifest",
      description = {
        "also write manifest.json in each folder, listing its FILEs' record counts and sizes: a"
            + " TFRecord source then opens them in a few storage calls, whatever their number, and"
            + " reads each index when first needed"
      })
  boolean manifest;

  @Parameters(paramLabel = "FILE", description = "uncompressed TFRecord files")
  List<String> files = new ArrayList<>();

  /** Creates the command. */
  public IndexCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) throws UsageException {
    if (suffix.isEmpty() || suffix.contains("/")) {
      throw new UsageException("--suffix=" + suffix + " (expected: a non-empty file-name suffix)");
    }
    if (files.isEmpty()) {
      throw new UsageException("no FILE given (expected: one or more TFRecord files)");
    }
    int status = Dispatch.OK;
    Map<Path, Map<String, long[]>> byFolder = new TreeMap<>();
    for (String f : files) {
      Path file = Path.of(f);
      Path index = Path.of(f + suffix);
      try {
        if (CompressionSniffer.detect(file) != TfRecordCompression.NONE) {
          throw new IOException(
              file
                  + ": compression="
                  + CompressionSniffer.detect(file)
                  + " (expected: NONE: an index addresses an uncompressed file)");
        }
        if (Files.exists(index) && !overwrite) {
          throw new IOException(index + " exists (expected: --overwrite to replace it)");
        }
        TfRecordIndex built = TfRecordIndex.build(file, TfRecordReaderOptions.defaults());
        Path temp = index.resolveSibling(index.getFileName() + ".tmp");
        built.write(temp);
        Files.move(
            temp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println(index + ": " + built.count() + " records");
        Path folder = file.toAbsolutePath().getParent();
        byFolder
            .computeIfAbsent(folder, k -> new TreeMap<>())
            .put(file.getFileName().toString(), new long[] {built.count(), Files.size(file)});
      } catch (IOException e) {
        err.println("stoker index: error: " + ErrorLine.of(e));
        status = Dispatch.FAILED;
      }
    }
    if (manifest) {
      if (status != Dispatch.OK) {
        err.println("stoker index: error: no manifest.json written, since an index failed");
        return status;
      }
      for (Map.Entry<Path, Map<String, long[]>> folder : byFolder.entrySet()) {
        Path target = folder.getKey().resolve("manifest.json");
        try {
          if (Files.exists(target) && !overwrite) {
            throw new IOException(target + " exists (expected: --overwrite to replace it)");
          }
          Path temp = target.resolveSibling(".manifest.json.tmp");
          Files.writeString(temp, manifestJson(folder.getValue()), StandardCharsets.UTF_8);
          Files.move(
              temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          out.println(target + ": " + folder.getValue().size() + " files");
        } catch (IOException e) {
          err.println("stoker index: error: " + ErrorLine.of(e));
          status = Dispatch.FAILED;
        }
      }
    }
    return status;
  }

  private static final JsonFactory JSON = new JsonFactory();

  /** The manifest of some files, by name: record count and size, in one split named "files". */
  private static String manifestJson(Map<String, long[]> files) {
    long total = files.values().stream().mapToLong(f -> f[0]).sum();
    StringWriter text = new StringWriter();
    try (JsonGenerator j = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
      j.writeStartObject();
      j.writeStringField("tool", "stoker index");
      j.writeObjectFieldStart("splits");
      j.writeObjectFieldStart("files");
      j.writeNumberField("count", total);
      j.writeArrayFieldStart("shards");
      for (Map.Entry<String, long[]> f : files.entrySet()) {
        j.writeStartObject();
        j.writeStringField("file", f.getKey());
        j.writeNumberField("count", f.getValue()[0]);
        j.writeNumberField("bytes", f.getValue()[1]);
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
      j.writeEndObject();
      j.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text + "\n";
  }
}

package dev.stoker.cli.internal;

import dev.stoker.convert.CompressionSniffer;
import dev.stoker.core.error.ErrorLine;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordIndex;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code stoker index}: writes a DALI-format index file ({@code offset size} per line) beside each
 * uncompressed TFRecord file, through a temporary name so a failed run leaves no partial index;
 * with {@code --manifest}, also a {@code manifest.json} per folder listing each file's record count
 * and size, the part of {@code tfrecord-convert}'s manifest a TFRecord source opens from.
 */
public final class IndexCommand implements Command {
  /** Creates the command. */
  public IndexCommand() {}

  @Override
  public String name() {
    return "index";
  }

  @Override
  public String summary() {
    return "write DALI-format index files";
  }

  @Override
  public String usage() {
    return """
        usage: stoker index FILE... [--suffix S] [--overwrite] [--manifest]

        Writes the index of each uncompressed TFRecord file in NVIDIA DALI's format (one line
        per record: the byte offset of its header and its frame size) to FILE + S. Every frame
        is checked while indexing.

          --suffix S     the index file's suffix (default: .idx)
          --overwrite    replace an existing index file (otherwise it is an error)
          --manifest     also write manifest.json in each folder, listing its FILEs' record
                         counts and sizes: a TFRecord source then opens them in a few storage
                         calls, whatever their number, and reads each index when first needed

        Exit status: 0 when every index was written, 1 when a file is compressed, damaged or
        unreadable, 2 for a bad command line.
        """;
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Args args = Args.parse(argv, Set.of("suffix"), Set.of("overwrite", "manifest"));
    String suffix = args.option("suffix");
    if (suffix == null) {
      suffix = ".idx";
    } else if (suffix.isEmpty() || suffix.contains("/")) {
      throw new UsageException("--suffix=" + suffix + " (expected: a non-empty file-name suffix)");
    }
    if (args.operands().isEmpty()) {
      throw new UsageException("no FILE given (expected: one or more TFRecord files)");
    }
    int status = Dispatch.OK;
    Map<Path, Map<String, long[]>> byFolder = new TreeMap<>();
    for (String f : args.operands()) {
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
        if (Files.exists(index) && !args.flag("overwrite")) {
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
    if (args.flag("manifest")) {
      if (status != Dispatch.OK) {
        err.println("stoker index: error: no manifest.json written, since an index failed");
        return status;
      }
      for (Map.Entry<Path, Map<String, long[]>> folder : byFolder.entrySet()) {
        Path manifest = folder.getKey().resolve("manifest.json");
        try {
          if (Files.exists(manifest) && !args.flag("overwrite")) {
            throw new IOException(manifest + " exists (expected: --overwrite to replace it)");
          }
          Path temp = manifest.resolveSibling(".manifest.json.tmp");
          Files.writeString(temp, manifestJson(folder.getValue()), StandardCharsets.UTF_8);
          Files.move(
              temp, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          out.println(manifest + ": " + folder.getValue().size() + " files");
        } catch (IOException e) {
          err.println("stoker index: error: " + ErrorLine.of(e));
          status = Dispatch.FAILED;
        }
      }
    }
    return status;
  }

  /** The manifest of some files, by name: record count and size. */
  private static String manifestJson(Map<String, long[]> files) {
    long total = files.values().stream().mapToLong(f -> f[0]).sum();
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"tool\": \"stoker index\",\n  \"splits\": {\n    \"files\": {\n");
    json.append("      \"count\": ").append(total).append(",\n      \"shards\": [");
    String separator = "\n";
    for (Map.Entry<String, long[]> f : files.entrySet()) {
      json.append(separator)
          .append("        {\"file\": ")
          .append(quote(f.getKey()))
          .append(", \"count\": ")
          .append(f.getValue()[0])
          .append(", \"bytes\": ")
          .append(f.getValue()[1])
          .append('}');
      separator = ",\n";
    }
    return json.append("\n      ]\n    }\n  }\n}\n").toString();
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20) {
        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }
}

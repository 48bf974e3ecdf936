package dev.stoker.cli.internal;

import dev.stoker.convert.CompressionSniffer;
import dev.stoker.core.error.ErrorLine;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordIndex;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stoker index}: writes a DALI-format index file ({@code offset size} per line) beside each
 * uncompressed TFRecord file, through a temporary name so a failed run leaves no partial index.
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
      } catch (IOException e) {
        err.println("stoker index: error: " + ErrorLine.of(e));
        status = Dispatch.FAILED;
      }
    }
    return status;
  }
}

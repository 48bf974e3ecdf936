package dev.stoker.cli.internal;

import dev.stoker.convert.CompressionSniffer;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.core.error.ErrorLine;
import dev.stoker.tfrecord.TfRecordException;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stoker verify}: reads every frame of TFRecord files and checks both CRCs of each.
 *
 * <p>Prints {@code FILE: ok, N records} per intact file on stdout, and per damaged file one line on
 * stdout: {@code FILE: damaged at offset O (record R): CHECK: detail}, where CHECK is the failed
 * check as the tfrecord module names it.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "check every record's length and data CRC",
      "",
      "Reads every record of each TFRecord file (compression detected from its first bytes) and"
          + " checks the masked CRC32C of each length and payload, and that no record is cut short.",
      "",
      "Prints one line per file: \"FILE: ok, N records\", or \"FILE: damaged at offset O (record"
          + " R): CHECK: detail\", where O is the byte offset of the damaged record's header in"
          + " the (uncompressed) stream."
    },
    footer =
        "Exit status: 0 when every file is intact, 1 when any is damaged or unreadable, 2 for a"
            + " bad command line.")
public final class VerifyCommand implements ToolCommand {
  @Parameters(paramLabel = "FILE", description = "TFRecord files")
  List<String> files = new ArrayList<>();

  /** Creates the command. */
  public VerifyCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) throws UsageException {
    if (files.isEmpty()) {
      throw new UsageException("no FILE given (expected: one or more TFRecord files)");
    }
    int status = Dispatch.OK;
    for (String f : files) {
      Path file = Path.of(f);
      long records = 0;
      try (TfRecordReader reader =
          TfRecordReader.open(
              file,
              TfRecordReaderOptions.builder()
                  .compression(CompressionSniffer.detect(file))
                  .build())) {
        while (reader.next()) {
          records++;
        }
        out.println(file + ": ok, " + records + " records");
      } catch (TfRecordException e) {
        out.println(
            file
                + ": damaged at offset "
                + e.offset()
                + " (record "
                + e.recordIndex()
                + "): "
                + e.check()
                + ": "
                + detail(e));
        status = Dispatch.FAILED;
      } catch (IOException e) {
        out.println(file + ": unreadable: " + ErrorLine.of(e));
        status = Dispatch.FAILED;
      }
    }
    return status;
  }

  /** The exception's message without the file, record and offset this line already names. */
  private static String detail(TfRecordException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = e.source() + ": record " + e.recordIndex() + " at offset " + e.offset() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}

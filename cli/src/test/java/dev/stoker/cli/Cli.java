package dev.stoker.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a tool in-process and captures its exit status, stdout and stderr. */
final class Cli {
  /** What a run produced. */
  record Run(int status, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    /** The stderr lines, without the progress bar's carriage-return redraws. */
    List<String> errLines() {
      return err.lines()
          .map(l -> l.substring(l.lastIndexOf('\r') + 1))
          .filter(l -> !l.isEmpty())
          .toList();
    }
  }

  private interface Tool {
    int run(List<String> args, PrintStream out, PrintStream err);
  }

  private Cli() {}

  static Run stoker(String... args) {
    return run(Stoker::run, args);
  }

  static Run convert(String... args) {
    return run(TfRecordConvert::run, args);
  }

  static Run convert(List<String> args) {
    return run(TfRecordConvert::run, args.toArray(String[]::new));
  }

  private static Run run(Tool tool, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = tool.run(List.of(args), o, e);
    }
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

package dev.stoker.cli.internal;

import dev.stoker.core.error.ErrorLine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs one {@link Command} and maps its outcome to an exit status: {@code --help} anywhere before
 * {@code --} prints the help (0); a {@link UsageException} prints {@code tool command: message} on
 * one line (2); an I/O failure, or any other exception a command lets out, prints {@code tool
 * command: error: message} (1), one line in words ({@link ErrorLine}): no class name, no stack
 * trace.
 */
public final class Dispatch {
  /** Exit status of a run that succeeded. */
  public static final int OK = 0;

  /** Exit status of a run that failed on its input or output. */
  public static final int FAILED = 1;

  /** Exit status of a run whose command line was wrong. */
  public static final int USAGE = 2;

  private Dispatch() {}

  /**
   * Runs a command.
   *
   * @param tool the tool's name, for messages
   * @param command the command
   * @param argv the arguments after the command's name
   * @param out where results go
   * @param err where errors go
   * @return the exit status
   */
  public static int run(
      String tool, Command command, List<String> argv, PrintStream out, PrintStream err) {
    String prefix = tool.equals(command.name()) ? tool : tool + " " + command.name();
    if (wantsHelp(argv)) {
      out.print(command.usage());
      return OK;
    }
    try {
      return command.run(argv, out, err);
    } catch (UsageException e) {
      err.println(prefix + ": " + e.getMessage() + " (see --help)");
      return USAGE;
    } catch (IOException | RuntimeException e) {
      err.println(prefix + ": error: " + ErrorLine.of(e));
      return FAILED;
    }
  }

  private static boolean wantsHelp(List<String> argv) {
    for (String a : argv) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }
}

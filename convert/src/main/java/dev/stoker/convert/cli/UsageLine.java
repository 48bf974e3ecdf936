package dev.stoker.convert.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line a Stoker tool prints for a wrong command line, and its exit status: {@code tool:
 * message (see --help)} on stderr, status {@value #STATUS} (picocli's convention for a usage
 * error). {@code stoker}, {@code tfrecord-convert} and the Spark conversion job all print it
 * through here, so the same mistake reads the same in each.
 *
 * <pre>{@code
 * try {
 *   cli.parseArgs(argv);
 * } catch (ParameterException e) {
 *   return UsageLine.print(err, "stoker spark tfrecord-convert", UsageLine.of(e));
 *   // stoker spark tfrecord-convert: --index=yes (expected: no value: --index is a switch) (see --help)
 * }
 * }</pre>
 *
 * <p>Stateless.
 */
public final class UsageLine {
  /** Exit status of a run whose command line was wrong. */
  public static final int STATUS = 2;

  private UsageLine() {}

  /**
   * Prints a usage line.
   *
   * @param err where it goes
   * @param tool the tool and command, e.g. {@code stoker inspect}
   * @param message what is wrong, from {@link #of} or a {@link UsageException}
   * @return {@value #STATUS}, the exit status to return
   */
  public static int print(PrintStream err, String tool, String message) {
    err.println(tool + ": " + message + " (see --help)");
    return STATUS;
  }

  /**
   * Words picocli's parse error as one usage message, without the tool's name.
   *
   * @param e the error
   * @return picocli's words for the syntax (unknown option, missing value, option given twice);
   *     ours, {@code --name=value (expected: …)}, for a value of the wrong type, and {@code
   *     command=name (expected: one of …)} for an unknown command
   */
  public static String of(ParameterException e) {
    ArgSpec spec = e.getArgSpec();
    if (e.getCause() instanceof TypeConversionException
        && spec instanceof OptionSpec option
        && e.getValue() != null) {
      return option.longestName() + "=" + e.getValue() + " (expected: " + expected(option) + ")";
    }
    CommandLine at = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException u
        && !at.getSubcommands().isEmpty()
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().getFirst().startsWith("-")) {
      return "command="
          + u.getUnmatched().getFirst()
          + " (expected: one of "
          + String.join(", ", at.getSubcommands().keySet())
          + ")";
    }
    if (e instanceof UnmatchedArgumentException u
        && at.getCommandSpec().positionalParameters().isEmpty()
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().getFirst().startsWith("-")) {
      return "unexpected argument " + u.getUnmatched().getFirst() + " (expected: options only)";
    }
    return String.valueOf(e.getMessage());
  }

  private static String expected(OptionSpec option) {
    Class<?> type = option.type();
    if (type == boolean.class || type == Boolean.class) {
      return "no value: " + option.longestName() + " is a switch";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == float.class || type == Double.class) {
      return "a number";
    }
    return option.paramLabel();
  }
}

package dev.stoker.cli.internal;

import dev.stoker.convert.cli.UsageException;
import dev.stoker.convert.cli.UsageLine;
import dev.stoker.core.StokerVersion;
import dev.stoker.core.error.ErrorLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a tool's command line through picocli and maps the outcome to an exit status.
 *
 * <ul>
 *   <li>{@code --help} (or {@code -h}) anywhere before {@code --} prints the command's help, and
 *       {@code --version} the project version: status {@value #OK}.
 *   <li>A wrong command line, found by picocli (unknown option, missing value, option given twice,
 *       required option missing) or by the command ({@link UsageException}: a value out of range),
 *       prints {@code tool command: message (see --help)} on one line ({@link UsageLine}, the Spark
 *       conversion job's too): status {@value #USAGE}.
 *   <li>An I/O failure, or any other exception a command lets out, prints {@code tool command:
 *       error: message} on one line in words ({@link ErrorLine}), no class name and no stack trace:
 *       status {@value #FAILED}.
 * </ul>
 *
 * <p>These are picocli's own conventions (its usage-error status is 2); the README's CLI section
 * states them.
 */
public final class Dispatch {
  /** Exit status of a run that succeeded. */
  public static final int OK = 0;

  /** Exit status of a run that failed on its input or output. */
  public static final int FAILED = 1;

  /** Exit status of a run whose command line was wrong: {@link UsageLine#STATUS}. */
  public static final int USAGE = UsageLine.STATUS;

  private Dispatch() {}

  /**
   * Gives every command of a tool one help layout ({@code usage: } first, then the description, the
   * options, the footer) and the project version.
   *
   * @param cli the tool's command line, with its subcommands added
   * @return {@code cli}
   */
  public static CommandLine style(CommandLine cli) {
    style(cli, cli.getCommandName() + " " + StokerVersion.current());
    return cli;
  }

  private static void style(CommandLine cli, String version) {
    cli.getCommandSpec()
        .version(version)
        .usageMessage()
        .synopsisHeading("usage: ")
        .descriptionHeading("%n")
        .parameterListHeading("%n")
        .optionListHeading("%noptions:%n")
        .commandListHeading("%ncommands:%n")
        .footerHeading("%n");
    for (CommandLine sub : cli.getSubcommands().values()) {
      style(sub, version);
    }
  }

  /**
   * Parses a command line and runs the command it selects.
   *
   * @param cli the tool's command line, from {@link #style}
   * @param argv the arguments after the tool's name
   * @param out where results, help, version and completion go
   * @param err where errors go
   * @return the exit status
   */
  public static int run(CommandLine cli, List<String> argv, PrintStream out, PrintStream err) {
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(argv.toArray(String[]::new));
    } catch (ParameterException e) {
      return UsageLine.print(err, prefix(e.getCommandLine()), UsageLine.of(e));
    }
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      cli.getOut().flush();
      return help;
    }
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    CommandLine selected = leaf.commandSpec().commandLine();
    String prefix = prefix(selected);
    Object command = leaf.commandSpec().userObject();
    try {
      if (command instanceof Runnable runnable) {
        runnable.run(); // picocli's own commands, such as generate-completion
        selected.getOut().flush();
        return OK;
      }
      if (!(command instanceof ToolCommand c)) {
        throw new UsageException(
            "no command given (expected: one of "
                + String.join(", ", cli.getSubcommands().keySet())
                + ")");
      }
      return c.run(out, err);
    } catch (UsageException e) {
      return UsageLine.print(err, prefix, String.valueOf(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      err.println(prefix + ": error: " + ErrorLine.of(e));
      return FAILED;
    }
  }

  private static String prefix(CommandLine cli) {
    return cli.getCommandSpec().qualifiedName();
  }
}

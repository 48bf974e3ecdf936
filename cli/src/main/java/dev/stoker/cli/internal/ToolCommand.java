package dev.stoker.cli.internal;

import dev.stoker.convert.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;

/**
 * One command of a tool: a picocli {@code @Command} class whose {@code @Option} and
 * {@code @Parameters} fields {@link Dispatch} fills from the command line before calling {@link
 * #run}. picocli checks the syntax (known options, {@code --name value} or {@code --name=value},
 * values present, options given once, required options there) and prints {@code --help} and {@code
 * --version}; {@link #run} checks the values (ranges, choices, combinations) and does the work.
 *
 * <p>An instance serves one run. {@link #run} returns the exit status and never calls {@link
 * System#exit}: the tools' {@code main} methods do that, so tests run commands in-process. A {@link
 * UsageException} becomes exit status 2 with a one-line message; any other {@link IOException}
 * becomes status 1.
 */
public interface ToolCommand {
  /**
   * Runs the command with the options parsed into this instance.
   *
   * @param out where results go
   * @param err where progress, warnings and errors go
   * @return the exit status
   * @throws UsageException when the values of the arguments are wrong
   * @throws IOException when a file cannot be read or written
   */
  int run(PrintStream out, PrintStream err) throws UsageException, IOException;
}

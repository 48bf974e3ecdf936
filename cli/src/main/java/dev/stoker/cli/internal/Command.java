package dev.stoker.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of a tool: its name, its help, and what it does.
 *
 * <p>{@link #run} returns the exit status and never calls {@link System#exit}: the tools' {@code
 * main} methods do that, so tests call commands in-process. A {@link UsageException} becomes exit
 * status 2 with a one-line message; any other {@link IOException} becomes status 1.
 */
public interface Command {
  /**
   * Returns the word that selects this command.
   *
   * @return the name
   */
  String name();

  /**
   * Returns one line for the tool's command list.
   *
   * @return the summary
   */
  String summary();

  /**
   * Returns the full help printed by {@code --help}, ending with a newline.
   *
   * @return the help text
   */
  String usage();

  /**
   * Runs the command.
   *
   * @param argv the arguments after the command's name
   * @param out where results go
   * @param err where progress, warnings and errors go
   * @return the exit status
   * @throws UsageException when the arguments are wrong
   * @throws IOException when a file cannot be read or written
   */
  int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException, IOException;
}

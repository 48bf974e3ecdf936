package dev.stoker.convert.cli;

import java.io.Serial;

/**
 * The command line is wrong: a value out of range, a combination of options that does not go
 * together. The tools print the message as their {@link UsageLine} and exit with status {@value
 * UsageLine#STATUS}. picocli reports the syntax (an unknown option, a missing value) with its own
 * exception; {@link UsageLine#of} words that one.
 */
public final class UsageException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line, in the form {@code --name=value (expected: …)} where it fits
   */
  public UsageException(String message) {
    super(message);
  }
}

package dev.stoker.cli.internal;

import java.io.Serial;

/**
 * The command line is wrong: an unknown option, a missing or malformed value. The tools print the
 * message on one line and exit with status 2.
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

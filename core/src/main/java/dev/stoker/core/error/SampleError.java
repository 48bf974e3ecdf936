package dev.stoker.core.error;

import dev.stoker.core.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What went wrong with one sample, and where: enough for a user to find the bad bytes.
 *
 * @param source the file or URI the sample came from
 * @param position where in the source
 * @param reason what was wrong, in words
 * @param cause the exception that reported it, or null
 */
public record SampleError(
    String source, SamplePosition position, String reason, @Nullable Throwable cause) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException when a required field is missing
   */
  public SampleError {
    Checks.require(source != null, "source", source, "non-null");
    Checks.require(position != null, "position", position, "non-null");
    Checks.require(reason != null, "reason", reason, "non-null");
  }

  /**
   * Describes an error from an exception, using its message as the reason.
   *
   * @param source the file or URI
   * @param position where in the source
   * @param cause the exception
   * @return the error
   */
  public static SampleError of(String source, SamplePosition position, Throwable cause) {
    String message = cause.getMessage();
    String reason = message == null ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
    return new SampleError(source, position, reason, cause);
  }

  @Override
  public String toString() {
    return source + " at " + position + ": " + reason;
  }
}

package dev.stoker.convert.cli;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks the value of an option that picocli parsed as text, with one message form: {@code
 * --name=value (expected: …)}. picocli handles the syntax; these check what a value means (a range,
 * a finite number, one of a few words), so the message can state the accepted range.
 *
 * <pre>{@code
 * @Option(names = "--limit", paramLabel = "N") @Nullable String limit;
 * long n = OptionValues.longIn("--limit", limit, 0, Long.MAX_VALUE, Long.MAX_VALUE);
 * }</pre>
 *
 * <p>Stateless.
 */
public final class OptionValues {
  private OptionValues() {}

  /**
   * Returns an integer option within bounds.
   *
   * @param name the option, with its dashes
   * @param value its text, or null when absent
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @param absent the value when the option is not given
   * @return the value
   * @throws UsageException when it is not an integer in {@code [min, max]}
   */
  public static long longIn(String name, @Nullable String value, long min, long max, long absent)
      throws UsageException {
    if (value == null) {
      return absent;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, as an out-of-range value is
    }
    throw new UsageException(
        name + "=" + value + " (expected: an integer from " + min + " to " + max + ")");
  }

  /**
   * Returns an {@code int} option within bounds.
   *
   * @param name the option, with its dashes
   * @param value its text, or null when absent
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @param absent the value when the option is not given
   * @return the value
   * @throws UsageException when it is not an integer in {@code [min, max]}
   */
  public static int intIn(String name, @Nullable String value, int min, int max, int absent)
      throws UsageException {
    return (int) longIn(name, value, min, max, absent);
  }

  /**
   * Returns a finite decimal option.
   *
   * @param name the option, with its dashes
   * @param value its text, or null when absent
   * @param absent the value when the option is not given
   * @return the value
   * @throws UsageException when it is not a finite number
   */
  public static double finite(String name, @Nullable String value, double absent)
      throws UsageException {
    if (value == null) {
      return absent;
    }
    try {
      double d = Double.parseDouble(value.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + "=" + value + " (expected: a finite number)");
  }

  /**
   * Returns an option that must be one of a few words, compared case-insensitively.
   *
   * @param name the option, with its dashes
   * @param value its text, or null when absent
   * @param choices the accepted words, lower case
   * @param absent the value when the option is not given
   * @return the chosen word, lower case
   * @throws UsageException when the value is not one of the choices
   */
  public static String choice(
      String name, @Nullable String value, List<String> choices, String absent)
      throws UsageException {
    if (value == null) {
      return absent;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!choices.contains(lower)) {
      throw new UsageException(
          name + "=" + value + " (expected: " + String.join(", ", choices) + ")");
    }
    return lower;
  }
}

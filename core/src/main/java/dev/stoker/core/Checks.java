package dev.stoker.core;

/**
 * Argument checks that fail where an option enters, with one message form for the whole project:
 * {@code name=value (expected: what)}.
 *
 * <p>Tests assert these messages, and users grep for them, so every module uses these methods
 * rather than formatting its own.
 */
public final class Checks {
  private Checks() {}

  /**
   * Formats the project's one message form for a rejected option.
   *
   * @param name the option's name as the user wrote it
   * @param value the rejected value
   * @param expected what would have been accepted
   * @return {@code name=value (expected: expected)}
   */
  public static String message(String name, Object value, String expected) {
    return name + "=" + value + " (expected: " + expected + ")";
  }

  /**
   * Throws {@link IllegalArgumentException} with the project's message form unless {@code ok}.
   *
   * @param ok whether the value is acceptable
   * @param name the option's name
   * @param value the value given
   * @param expected what would have been accepted
   * @throws IllegalArgumentException when {@code ok} is false
   */
  public static void require(boolean ok, String name, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(message(name, value, expected));
    }
  }

  /**
   * Like {@link #require(boolean, String, Object, String)} for a {@code long} value, without boxing
   * it when the check passes.
   *
   * @param ok whether the value is acceptable
   * @param name the option's name
   * @param value the value given
   * @param expected what would have been accepted
   * @throws IllegalArgumentException when {@code ok} is false
   */
  public static void require(boolean ok, String name, long value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(message(name, value, expected));
    }
  }

  /**
   * Like {@link #require(boolean, String, Object, String)} for a {@code double} value, without
   * boxing it when the check passes.
   *
   * @param ok whether the value is acceptable
   * @param name the option's name
   * @param value the value given
   * @param expected what would have been accepted
   * @throws IllegalArgumentException when {@code ok} is false
   */
  public static void require(boolean ok, String name, double value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(message(name, value, expected));
    }
  }

  /**
   * Checks that an {@code int} option is positive.
   *
   * @param name the option's name
   * @param value the value given
   * @return {@code value}
   * @throws IllegalArgumentException when {@code value <= 0}
   */
  public static int positive(String name, int value) {
    require(value > 0, name, value, "> 0");
    return value;
  }

  /**
   * Checks that a {@code long} option is positive.
   *
   * @param name the option's name
   * @param value the value given
   * @return {@code value}
   * @throws IllegalArgumentException when {@code value <= 0}
   */
  public static long positive(String name, long value) {
    require(value > 0, name, value, "> 0");
    return value;
  }

  /**
   * Checks that an {@code int} option lies in a closed range.
   *
   * @param name the option's name
   * @param value the value given
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return {@code value}
   * @throws IllegalArgumentException when {@code value} is outside {@code [min, max]}
   */
  public static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) { // the message is built only on failure: hot paths call this
      throw new IllegalArgumentException(message(name, value, "in [" + min + ", " + max + "]"));
    }
    return value;
  }
}

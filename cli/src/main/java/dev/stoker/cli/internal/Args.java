package dev.stoker.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A parsed command line: {@code --name value}, {@code --name=value}, {@code --flag}, and positional
 * operands; {@code --} ends the options. Every option must be declared, and each may be given once.
 *
 * <pre>{@code
 * Args args = Args.parse(argv, Set.of("format", "limit"), Set.of("help"));
 * int limit = args.intOption("limit", 1, Integer.MAX_VALUE, -1);
 * }</pre>
 *
 * <p>Immutable once parsed; not meant to be shared between threads.
 */
public final class Args {
  private final Map<String, String> options;
  private final Set<String> flags;
  private final List<String> operands;

  private Args(Map<String, String> options, Set<String> flags, List<String> operands) {
    this.options = options;
    this.flags = flags;
    this.operands = operands;
  }

  /**
   * Parses a command line.
   *
   * @param argv the arguments after the command's name
   * @param valued the options that take a value, without the leading dashes
   * @param switches the options that take none, without the leading dashes
   * @return the parsed arguments
   * @throws UsageException when an option is unknown, repeated, or lacks its value
   */
  public static Args parse(List<String> argv, Set<String> valued, Set<String> switches)
      throws UsageException {
    Map<String, String> options = new LinkedHashMap<>();
    Set<String> flags = new TreeSet<>();
    List<String> operands = new ArrayList<>();
    boolean onlyOperands = false;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (onlyOperands || !a.startsWith("-") || a.equals("-")) {
        operands.add(a);
        continue;
      }
      if (a.equals("--")) {
        onlyOperands = true;
        continue;
      }
      if (a.equals("-h")) {
        a = "--help";
      }
      if (!a.startsWith("--")) {
        throw new UsageException(
            "unknown option " + a + " (expected: " + known(valued, switches) + ")");
      }
      int eq = a.indexOf('=');
      String name = a.substring(2, eq < 0 ? a.length() : eq);
      if (switches.contains(name) || name.equals("help")) {
        if (eq >= 0) {
          throw new UsageException("--" + name + " takes no value (got: " + a + ")");
        }
        if (!flags.add(name)) {
          throw new UsageException("--" + name + " given twice");
        }
      } else if (valued.contains(name)) {
        String value;
        if (eq >= 0) {
          value = a.substring(eq + 1);
        } else if (i + 1 < argv.size()) {
          value = argv.get(++i);
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
        if (options.put(name, value) != null) {
          throw new UsageException("--" + name + " given twice");
        }
      } else {
        throw new UsageException(
            "unknown option --" + name + " (expected: " + known(valued, switches) + ")");
      }
    }
    return new Args(options, flags, operands);
  }

  private static String known(Set<String> valued, Set<String> switches) {
    Set<String> all = new TreeSet<>(valued);
    all.addAll(switches);
    all.add("help");
    StringBuilder b = new StringBuilder();
    for (String s : all) {
      b.append(b.isEmpty() ? "--" : ", --").append(s);
    }
    return b.toString();
  }

  /**
   * Tells whether a switch was given.
   *
   * @param name the switch, without dashes
   * @return true when present
   */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /**
   * Returns the positional operands, in order.
   *
   * @return the operands, immutable
   */
  public List<String> operands() {
    return List.copyOf(operands);
  }

  /**
   * Returns an option's value.
   *
   * @param name the option, without dashes
   * @return its value, or null when absent
   */
  public @Nullable String option(String name) {
    return options.get(name);
  }

  /**
   * Returns a required option's value.
   *
   * @param name the option, without dashes
   * @return its value
   * @throws UsageException when it is absent or empty
   */
  public String required(String name) throws UsageException {
    String v = options.get(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  /**
   * Returns an integer option within bounds.
   *
   * @param name the option, without dashes
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @param absent the value when the option is not given
   * @return the value
   * @throws UsageException when it is not an integer in {@code [min, max]}
   */
  public long longOption(String name, long min, long max, long absent) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return absent;
    }
    try {
      long parsed = Long.parseLong(v.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, as an out-of-range value is
    }
    throw new UsageException(
        "--" + name + "=" + v + " (expected: an integer from " + min + " to " + max + ")");
  }

  /**
   * Returns an {@code int} option within bounds.
   *
   * @param name the option, without dashes
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @param absent the value when the option is not given
   * @return the value
   * @throws UsageException when it is not an integer in {@code [min, max]}
   */
  public int intOption(String name, int min, int max, int absent) throws UsageException {
    return (int) longOption(name, min, max, absent);
  }

  /**
   * Returns a finite decimal option.
   *
   * @param name the option, without dashes
   * @param absent the value when the option is not given
   * @return the value
   * @throws UsageException when it is not a finite number
   */
  public double doubleOption(String name, double absent) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return absent;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + name + "=" + v + " (expected: a finite number)");
  }

  /**
   * Returns an option that must be one of a few words, compared case-insensitively.
   *
   * @param name the option, without dashes
   * @param choices the accepted words, lower case
   * @param absent the value when the option is not given
   * @return the chosen word, lower case
   * @throws UsageException when the value is not one of the choices
   */
  public String choice(String name, List<String> choices, String absent) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return absent;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!choices.contains(lower)) {
      throw new UsageException(
          "--" + name + "=" + v + " (expected: " + String.join(", ", choices) + ")");
    }
    return lower;
  }
}

package dev.stoker.spark;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.core.StokerVersion;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The Spark job's command line, with {@code tfrecord-convert}'s option names, defaults and syntax:
 * picocli reads it into a {@link SparkConvertCommand} ({@code --name value} or {@code
 * --name=value}, {@code --help}, {@code --version}), and {@link #of} checks the values. Errors read
 * {@code name=value (expected: ...)} where a value is wrong, and picocli's words where the syntax
 * is.
 *
 * <p>{@link #launch} is {@link SparkConvert#main}'s front: help and version go to {@code out}, a
 * bad command line is one line on {@code err} and exit status {@value #USAGE}, both before any
 * Spark context exists.
 *
 * @param options the conversion's options
 * @param output the output folder, a Hadoop path or URI
 * @param defaultName whether {@code --name} was left out (then a folder of Parquet files is named
 *     {@code data}, as {@code tfrecord-convert} names it, which only the file system can tell)
 */
record SparkConvertArgs(ConvertOptions options, String output, boolean defaultName) {
  /** Exit status after {@code --help}, {@code --version} or a job that ran. */
  static final int OK = 0;

  /** Exit status of a bad command line, as {@code tfrecord-convert}'s (picocli's convention). */
  static final int USAGE = 2;

  private static final String PREFIX = "stoker spark tfrecord-convert: ";

  /** What {@link #launch} runs with a good command line; it owns nothing of the caller's. */
  @FunctionalInterface
  interface Job {
    /**
     * Runs the conversion.
     *
     * @param args the parsed command line
     * @throws IOException when the conversion fails
     */
    void run(SparkConvertArgs args) throws IOException;
  }

  /**
   * Parses a command line and runs the job with it, unless it asks for help or the version, or is
   * wrong.
   *
   * @param argv the arguments after the jar
   * @param out where help and the version go
   * @param err where a bad command line's one line goes: {@code stoker spark tfrecord-convert:
   *     message (see --help)}
   * @param job the conversion, called at most once
   * @return {@value #OK}, or {@value #USAGE} for a bad command line
   * @throws IOException when the job fails
   */
  static int launch(List<String> argv, PrintStream out, PrintStream err, Job job)
      throws IOException {
    CommandLine cli = commandLine(out, err);
    SparkConvertArgs args;
    try {
      ParseResult parsed = cli.parseArgs(argv.toArray(String[]::new));
      if (CommandLine.printHelpIfRequested(parsed)) {
        cli.getOut().flush();
        return OK;
      }
      args = of(cli.getCommand());
    } catch (ParameterException e) {
      err.println(PREFIX + message(e) + " (see --help)");
      return USAGE;
    } catch (IllegalArgumentException e) {
      err.println(PREFIX + e.getMessage() + " (see --help)");
      return USAGE;
    }
    job.run(args);
    return OK;
  }

  /**
   * Parses a command line that asks for a conversion.
   *
   * @param argv the arguments after the jar
   * @return the arguments
   * @throws IllegalArgumentException when the command line is wrong, with the message {@link
   *     #launch} prints
   */
  static SparkConvertArgs parse(List<String> argv) {
    CommandLine cli = commandLine(System.out, System.err);
    try {
      cli.parseArgs(argv.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new IllegalArgumentException(message(e), e);
    }
    return of(cli.getCommand());
  }

  private static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli =
        new CommandLine(new SparkConvertCommand())
            .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
            .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.getCommandSpec().version("stoker spark tfrecord-convert " + StokerVersion.current());
    return cli;
  }

  /** picocli's words for the syntax; {@code --name=value (expected: …)} for a switch's value. */
  private static String message(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException
        && e.getArgSpec() instanceof OptionSpec option
        && e.getValue() != null) {
      return option.longestName()
          + "="
          + e.getValue()
          + " (expected: no value: "
          + option.longestName()
          + " is a switch)";
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * Checks the values picocli read and makes the conversion's options.
   *
   * @param c the options as text
   * @return the arguments
   * @throws IllegalArgumentException when a value, or a combination, is wrong
   */
  static SparkConvertArgs of(SparkConvertCommand c) {
    List<String> operands = c.inputs;
    boolean parquet =
        !operands.isEmpty() && operands.stream().allMatch(o -> o.endsWith(".parquet"));
    if (operands.isEmpty() || (operands.size() > 1 && !parquet)) {
      throw new IllegalArgumentException(
          "INPUT="
              + String.join(" ", operands)
              + " (expected: one image folder, or Parquet files)");
    }
    if (c.out.isEmpty()) {
      throw bad("out", "", "the output folder");
    }
    if (c.shards != null && c.shardSize != null) {
      throw bad("shards", c.shards, "either --shards or --shard-size");
    }
    long seed = number("seed", c.seed, Long.MIN_VALUE, Long.MAX_VALUE, 0);
    SplitFractions split = split(c.split, seed);
    String comp = c.compression == null ? "none" : c.compression;
    if (!List.of("none", "gzip", "zlib").contains(comp.toLowerCase(Locale.ROOT))) {
      throw bad("compression", comp, "none, gzip or zlib");
    }
    TfRecordCompression compression = TfRecordCompression.valueOf(comp.toUpperCase(Locale.ROOT));
    if (c.index && compression != TfRecordCompression.NONE) {
      throw bad("compression", comp, "none with --index: an index addresses an uncompressed file");
    }
    int maxSide = (int) number("max-side", c.maxSide, 1, 65_535, 0);
    if (c.quality != null && maxSide == 0) {
      throw bad("quality", c.quality, "--max-side as well");
    }
    String input = operands.getFirst();
    String name = c.name;
    boolean defaultName = name == null;
    if (name == null && parquet) {
      name = "data"; // tfrecord-convert's default for files
    } else if (name == null) {
      String trimmed = input.replaceAll("/+$", "");
      name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
    if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.contains(":")) {
      throw bad("name", name, "a file-name prefix without / or a leading dot");
    }
    ConvertOptions options =
        new ConvertOptions(
            List.copyOf(operands),
            Path.of("."),
            name,
            (int) number("shards", c.shards, 1, 100_000, 0),
            number(
                "shard-size", c.shardSize, 1, Integer.MAX_VALUE, ConvertOptions.DEFAULT_SHARD_SIZE),
            split,
            seed,
            compression,
            c.index,
            maxSide,
            (int) number("quality", c.quality, 1, 100, 90),
            c.baseline,
            1,
            c.overwrite,
            c.strict);
    return new SparkConvertArgs(options, c.out, defaultName);
  }

  /** The same options under another name. */
  static ConvertOptions renamed(ConvertOptions o, String name) {
    return new ConvertOptions(
        o.inputs(),
        o.out(),
        name,
        o.shards(),
        o.shardSize(),
        o.split(),
        o.seed(),
        o.compression(),
        o.index(),
        o.maxSide(),
        o.quality(),
        o.baseline(),
        o.workers(),
        o.overwrite(),
        o.strict());
  }

  private static long number(String key, @Nullable String v, long min, long max, long def) {
    if (v == null) {
      return def;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, v, "an integer from " + min + " to " + max);
  }

  private static @Nullable SplitFractions split(@Nullable String value, long seed) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(",", -1);
    if (parts.length == 3) {
      try {
        return new SplitFractions(
            Double.parseDouble(parts[0].trim()),
            Double.parseDouble(parts[1].trim()),
            Double.parseDouble(parts[2].trim()),
            seed);
      } catch (IllegalArgumentException e) {
        // reported below; NumberFormatException is one
      }
    }
    throw bad("split", value, "three fractions T,V,S summing to 1");
  }

  private static IllegalArgumentException bad(String name, String value, String expected) {
    return new IllegalArgumentException(
        "--" + name + "=" + value + " (expected: " + expected + ")");
  }
}

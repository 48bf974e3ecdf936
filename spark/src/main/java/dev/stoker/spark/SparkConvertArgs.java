package dev.stoker.spark;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.convert.cli.ConvertSettings;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.convert.cli.UsageLine;
import dev.stoker.core.StokerVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The Spark job's command line, with {@code tfrecord-convert}'s option names, defaults and syntax:
 * picocli reads it into a {@link SparkConvertCommand} ({@code --name value} or {@code
 * --name=value}, {@code --help}, {@code --version}), and {@link #of} has the values checked by
 * {@link ConvertSettings}, {@code tfrecord-convert}'s checker. Errors are {@link UsageLine}s, as
 * {@code tfrecord-convert}'s: {@code name=value (expected: ...)} where a value is wrong, and
 * picocli's words where the syntax is.
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
  static final int USAGE = UsageLine.STATUS;

  private static final String TOOL = "stoker spark tfrecord-convert";

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
      return UsageLine.print(err, TOOL, UsageLine.of(e));
    } catch (UsageException e) {
      return UsageLine.print(err, TOOL, String.valueOf(e.getMessage()));
    }
    job.run(args);
    return OK;
  }

  /**
   * Parses a command line that asks for a conversion.
   *
   * @param argv the arguments after the jar
   * @return the arguments
   * @throws UsageException when the command line is wrong, with the message {@link #launch} prints
   */
  static SparkConvertArgs parse(List<String> argv) throws UsageException {
    CommandLine cli = commandLine(System.out, System.err);
    try {
      cli.parseArgs(argv.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new UsageException(UsageLine.of(e));
    }
    return of(cli.getCommand());
  }

  private static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli =
        new CommandLine(new SparkConvertCommand())
            .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
            .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.getCommandSpec().version(TOOL + " " + StokerVersion.current());
    return cli;
  }

  /**
   * Has the values picocli read checked, by the checker {@code tfrecord-convert} uses too, and
   * makes the conversion's options.
   *
   * @param c the options as text
   * @return the arguments
   * @throws UsageException when a value, or a combination, is wrong
   */
  static SparkConvertArgs of(SparkConvertCommand c) throws UsageException {
    List<String> operands = c.inputs;
    boolean parquet =
        !operands.isEmpty() && operands.stream().allMatch(o -> o.endsWith(".parquet"));
    if (operands.isEmpty() || (operands.size() > 1 && !parquet)) {
      throw new UsageException(
          "INPUT="
              + String.join(" ", operands)
              + " (expected: one image folder, or Parquet files)");
    }
    String output = ConvertSettings.outFolder(c.out);
    String trimmed = operands.getFirst().replaceAll("/+$", "");
    String defaultName =
        parquet
            ? "data" // tfrecord-convert's default for files
            : trimmed.substring(trimmed.lastIndexOf('/') + 1);
    ConvertOptions options = c.settings.options(operands, Path.of("."), defaultName, 1);
    return new SparkConvertArgs(options, output, !c.settings.nameGiven());
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
}

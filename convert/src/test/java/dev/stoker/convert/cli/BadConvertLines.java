package dev.stoker.convert.cli;

import java.util.List;

/**
 * Bad command lines that {@code tfrecord-convert} and the Spark conversion job must reject with the
 * same message and exit status 2: every option they share, and the syntax of the options they both
 * declare ({@code --out}). Each tool's test puts its own {@code INPUT} in front and its own output
 * folder in place of {@link #OUT}, runs its parser, and expects {@code tool: message (see --help)}
 * as the only line on stderr. The messages are written here by hand, never taken from the code.
 */
public final class BadConvertLines {
  /** Stands for the tool's output folder in {@link Line#args}. */
  public static final String OUT = "{out}";

  /**
   * One bad command line.
   *
   * @param args what follows {@code INPUT}, with {@link #OUT} for the output folder
   * @param message the message both tools print, without the tool's name and {@code (see --help)}
   */
  public record Line(List<String> args, String message) {
    /**
     * The arguments with the tool's output folder in place.
     *
     * @param out the output folder
     * @return the arguments after {@code INPUT}
     */
    public List<String> args(String out) {
      return args.stream().map(a -> a.equals(OUT) ? out : a).toList();
    }
  }

  private BadConvertLines() {}

  /**
   * Lists the lines.
   *
   * @return every bad command line, each with its message
   */
  public static List<Line> all() {
    return List.of(
        // picocli's words for the syntax of an option both tools declare
        line("Missing required option: '--out=DIR'"),
        line("Missing required parameter for option '--out' (DIR)", "--out"),
        line("option '--out' (DIR) should be specified only once", "--out", OUT, "--out=o2"),
        line("Unknown option: '--frobnicate=3'", "--out", OUT, "--frobnicate=3"),
        line("Missing required parameter for option '--shards' (N)", "--out", OUT, "--shards"),
        line("--index=yes (expected: no value: --index is a switch)", "--out", OUT, "--index=yes"),
        line("--strict=no (expected: no value: --strict is a switch)", "--out", OUT, "--strict=no"),
        // the checker's words for a value
        line("--out= (expected: the output folder)", "--out", ""),
        line("--out= (expected: the output folder)", "--out="),
        line("--shards=0 (expected: an integer from 1 to 100000)", "--out", OUT, "--shards", "0"),
        line("--shards=x (expected: an integer from 1 to 100000)", "--out", OUT, "--shards=x"),
        line(
            "--shards=100001 (expected: an integer from 1 to 100000)",
            "--out",
            OUT,
            "--shards",
            "100001"),
        line(
            "--shards=2 (expected: either --shards or --shard-size, not both)",
            "--out",
            OUT,
            "--shards",
            "2",
            "--shard-size",
            "5"),
        line(
            "--shard-size=-1 (expected: an integer from 1 to 2147483647)",
            "--out",
            OUT,
            "--shard-size=-1"),
        line(
            "--shard-size=2147483648 (expected: an integer from 1 to 2147483647)",
            "--out",
            OUT,
            "--shard-size",
            "2147483648"),
        line(
            "--split=0.5,0.5 (expected: three fractions T,V,S from 0 to 1, summing to 1)",
            "--out",
            OUT,
            "--split",
            "0.5,0.5"),
        line(
            "--split=a,b,c (expected: three fractions T,V,S from 0 to 1, summing to 1)",
            "--out",
            OUT,
            "--split=a,b,c"),
        line(
            "--split=0.8,0.3,0.1 (expected: three fractions T,V,S from 0 to 1, summing to 1)",
            "--out",
            OUT,
            "--split",
            "0.8,0.3,0.1"),
        line(
            "--split=1.2,-0.1,-0.1 (expected: three fractions T,V,S from 0 to 1, summing to 1)",
            "--out",
            OUT,
            "--split=1.2,-0.1,-0.1"),
        line(
            "--seed=1.5 (expected: an integer from -9223372036854775808 to 9223372036854775807)",
            "--out",
            OUT,
            "--seed",
            "1.5"),
        line(
            "--seed= (expected: an integer from -9223372036854775808 to 9223372036854775807)",
            "--out",
            OUT,
            "--seed="),
        line(
            "--compression=lz4 (expected: none, gzip, zlib)", "--out", OUT, "--compression", "lz4"),
        line(
            "--compression=GZIP (expected: none with --index: an index addresses an uncompressed"
                + " file)",
            "--out",
            OUT,
            "--index",
            "--compression=GZIP"),
        line(
            "--quality=80 (expected: --max-side as well: only re-encoded images have a quality)",
            "--out",
            OUT,
            "--quality",
            "80"),
        line(
            "--quality=101 (expected: an integer from 1 to 100)",
            "--out",
            OUT,
            "--max-side",
            "64",
            "--quality",
            "101"),
        line("--max-side=0 (expected: an integer from 1 to 65535)", "--out", OUT, "--max-side=0"),
        line(
            "--max-side=65536 (expected: an integer from 1 to 65535)",
            "--out",
            OUT,
            "--max-side",
            "65536",
            "--baseline"),
        line(
            "--name=a/b (expected: a file-name prefix without /, : or a leading dot)",
            "--out",
            OUT,
            "--name",
            "a/b"),
        line(
            "--name=.hidden (expected: a file-name prefix without /, : or a leading dot)",
            "--out",
            OUT,
            "--name=.hidden"),
        line(
            "--name=c:d (expected: a file-name prefix without /, : or a leading dot)",
            "--out",
            OUT,
            "--name",
            "c:d"),
        line(
            "--name= (expected: a file-name prefix without /, : or a leading dot)",
            "--out",
            OUT,
            "--name="));
  }

  private static Line line(String message, String... args) {
    return new Line(List.of(args), message);
  }
}

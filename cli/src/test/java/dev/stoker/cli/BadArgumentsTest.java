package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.convert.cli.BadConvertLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad command line gets one line on stderr, nothing on stdout, and exit status 2. */
class BadArgumentsTest {
  @TempDir static Path tmp;

  private static String images() {
    return Shared.file("images").getParent().resolve("parquet/hf-images.parquet").toString();
  }

  private static String tfrecord() {
    return Shared.file("tfrecord/images.tfrecord").toString();
  }

  static Stream<Arguments> convertLines() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("ds/only"));
    Files.write(folder.resolve("a.jpg"), Fixtures.jpeg(Fixtures.image(8, 8, 1), false));
    String ds = tmp.resolve("ds").toString();
    String out = tmp.resolve("never").toString();
    return Stream.of(
        Arguments.of(List.of(), "Missing required option: '--out=DIR'"),
        Arguments.of(List.of(ds, "--out", out, "-x"), "Unknown option: '-x'"),
        Arguments.of(
            List.of(ds, "--out", out, "--workers", "0"),
            "--workers=0 (expected: an integer from 1 to 1024)"),
        Arguments.of(
            List.of(ds, "--out", out, "--input-format", "csv"),
            "--input-format=csv (expected: folder, parquet, tfrecord)"),
        Arguments.of(
            List.of(tmp.resolve("missing.tfrecord").toString(), "--out", out),
            "expected: an existing file or folder"),
        Arguments.of(List.of(ds, ds, "--out", out), "expected: one folder alone"),
        Arguments.of(List.of(images(), tfrecord(), "--out", out), "mixes Parquet and TFRecord"),
        Arguments.of(
            List.of(tfrecord(), "--out", out, "--max-side", "64"),
            "--max-side or --baseline with TFRecord input"),
        Arguments.of(List.of(ds, "--out", out, "--split", "0.8,0.1,0.1"), null));
  }

  @ParameterizedTest
  @MethodSource("convertLines")
  void convertRejectsABadCommandLine(List<String> args, String message) {
    if (message == null) {
      return; // the last line is valid: it shows the others fail for their own reason
    }
    Cli.Run run = Cli.convert(args);
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("tfrecord-convert: ").contains(message);
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  static List<BadConvertLines.Line> sharedConvertLines() {
    return BadConvertLines.all();
  }

  /**
   * The options tfrecord-convert shares with the Spark job: the same bad line gets the same message
   * from both (SparkConvertArgsTest runs the same lines through the Spark job's parser).
   */
  @ParameterizedTest
  @MethodSource("sharedConvertLines")
  void convertRejectsASharedOptionAsTheSparkJobDoes(BadConvertLines.Line line) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("shared/only"));
    Files.write(folder.resolve("a.jpg"), Fixtures.jpeg(Fixtures.image(8, 8, 1), false));
    List<String> args = new ArrayList<>();
    args.add(folder.getParent().toString());
    args.addAll(line.args(tmp.resolve("never").toString()));

    Cli.Run run = Cli.convert(args);

    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly("tfrecord-convert: " + line.message() + " (see --help)");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void aTrainValTestFolderRejectsASplit() throws IOException {
    Path root = tmp.resolve("layout");
    Fixtures.classFolders(root.resolve("train"), 1, 1);
    Cli.Run run =
        Cli.convert(
            root.toString(), "--out", tmp.resolve("never").toString(), "--split", "0.8,0.1,0.1");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("already split into train/ val/ test/");
  }

  static Stream<Arguments> stokerLines() {
    String f = tfrecord();
    return Stream.of(
        Arguments.of(List.of(), "stoker: no command given"),
        Arguments.of(
            List.of("frobnicate"),
            "stoker: command=frobnicate (expected: one of inspect, verify, index"),
        Arguments.of(List.of("inspect"), "stoker inspect: no FILE given"),
        Arguments.of(
            List.of("inspect", f, "--format", "xml"), "--format=xml (expected: json, summary)"),
        Arguments.of(List.of("inspect", f, "--limit", "-1"), "--limit=-1"),
        Arguments.of(
            List.of("inspect", f, "--limit"),
            "Missing required parameter for option '--limit' (N)"),
        Arguments.of(List.of("inspect", f, "--what"), "Unknown option: '--what'"),
        Arguments.of(List.of("verify"), "stoker verify: no FILE given"),
        Arguments.of(List.of("verify", f, "--limit", "3"), "Unknown option: '--limit'"),
        Arguments.of(List.of("index"), "stoker index: no FILE given"),
        Arguments.of(
            List.of("dump", "--size", "8x8", "--out", "x"),
            "Missing required option: '--source=URI'"),
        Arguments.of(
            List.of("dump", "--source", f, "--out", "x"), "Missing required option: '--size=HxW'"),
        Arguments.of(
            List.of("dump", "--source=", "--size", "8x8", "--out", "x"),
            "--source= (expected: a dataset)"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8", "--out="), "--out= (expected: a file)"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8", "--out", "x"), "--size=8 (expected: HxW"),
        Arguments.of(List.of("dump", "--source", f, "--size", "0x8", "--out", "x"), "--size=0x8"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8"),
            "Missing required option: '--out=FILE'"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8", "--out", "x", "--dtype", "int16"),
            "--dtype=int16 (expected: uint8, float32)"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8", "--out", "x", "--resize", "cubic"),
            "--resize=cubic (expected: bilinear, area)"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8", "--out", "x", "--scale", "nan"),
            "--scale=nan (expected: a finite number)"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8", "--out", "x", "--split", "train"),
            "--split=train (expected: only with a train/ val/ test/ folder)"),
        Arguments.of(
            List.of("dump", "--source", f, "--size", "8x8", "--out", "x", "extra"),
            "unexpected argument extra"),
        Arguments.of(
            List.of("index", f, "--suffix", ""),
            "--suffix= (expected: a non-empty file-name suffix)"));
  }

  @ParameterizedTest
  @MethodSource("stokerLines")
  void stokerRejectsABadCommandLine(List<String> args, String message) {
    Cli.Run run = Cli.stoker(args.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("stoker").contains(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "verify", "index", "dump"})
  void everyStokerCommandHasHelp(String command) {
    Cli.Run run = Cli.stoker(command, "--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("usage: stoker " + command);
    assertThat(Cli.stoker(command, "-h", "--bogus").out()).isEqualTo(run.out());
  }

  @Test
  void toolsHaveHelp() {
    Cli.Run stoker = Cli.stoker("--help");
    assertThat(stoker.status()).isZero();
    assertThat(stoker.out()).contains("inspect", "verify", "index", "dump");
    Cli.Run convert = Cli.convert("--help");
    assertThat(convert.status()).isZero();
    List<String> options = new ArrayList<>();
    for (String o :
        List.of(
            "--out",
            "--name",
            "--shards",
            "--shard-size",
            "--split",
            "--seed",
            "--compression",
            "--index",
            "--max-side",
            "--quality",
            "--baseline",
            "--workers",
            "--overwrite",
            "--strict")) {
      if (!convert.out().contains(o)) {
        options.add(o);
      }
    }
    assertThat(options).as("options missing from --help").isEmpty();
  }
}

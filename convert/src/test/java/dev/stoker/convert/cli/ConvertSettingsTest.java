package dev.stoker.convert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** The shared options through picocli: what they accept, their defaults, and every rejection. */
class ConvertSettingsTest {
  /** A command that declares INPUT and --out as both tools do, and the shared options. */
  @Command(name = "convert")
  static final class Tool {
    @Parameters(paramLabel = "INPUT")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR")
    String out = "";

    @Mixin ConvertSettings settings = new ConvertSettings();

    ConvertOptions options() throws UsageException {
      return settings.options(inputs, Path.of(ConvertSettings.outFolder(out)), "data", 3);
    }
  }

  private static ConvertOptions parse(String... argv) throws UsageException {
    CommandLine cli = new CommandLine(new Tool());
    try {
      cli.parseArgs(argv);
    } catch (ParameterException e) {
      throw new UsageException(UsageLine.of(e));
    }
    return cli.<Tool>getCommand().options();
  }

  static List<BadConvertLines.Line> badLines() {
    return BadConvertLines.all();
  }

  @ParameterizedTest
  @MethodSource("badLines")
  void rejectsABadLineWithItsMessage(BadConvertLines.Line line) {
    String[] argv = Stream.concat(Stream.of("in"), line.args("o").stream()).toArray(String[]::new);

    assertThatThrownBy(() -> parse(argv))
        .isInstanceOf(UsageException.class)
        .hasMessage(line.message());
  }

  @Test
  void leavesOutOptionsAtTheirDefaults() throws UsageException {
    ConvertOptions o = parse("in", "--out", "o");

    assertThat(o)
        .isEqualTo(
            new ConvertOptions(
                List.of("in"),
                Path.of("o"),
                "data",
                0,
                1024,
                null,
                0,
                TfRecordCompression.NONE,
                false,
                0,
                90,
                false,
                3,
                false,
                false));
  }

  @Test
  void readsEveryOption() throws UsageException {
    ConvertOptions o =
        parse(
            "a",
            "b",
            "--out=o",
            "--name",
            "flowers",
            "--shards",
            "16",
            "--split=0.8,0.1,0.1",
            "--seed",
            "-7",
            "--index",
            "--max-side=256",
            "--quality",
            "80",
            "--baseline",
            "--overwrite",
            "--strict");

    assertThat(o)
        .isEqualTo(
            new ConvertOptions(
                List.of("a", "b"),
                Path.of("o"),
                "flowers",
                16,
                1024,
                new SplitFractions(0.8, 0.1, 0.1, -7),
                -7,
                TfRecordCompression.NONE,
                true,
                256,
                80,
                true,
                3,
                true,
                true));
    assertThat(parse("in", "--out", "o", "--shard-size", "500", "--compression=gzip"))
        .extracting(ConvertOptions::shardSize, ConvertOptions::compression)
        .containsExactly(500L, TfRecordCompression.GZIP);
  }

  @Test
  void readsValuesLeniently() throws UsageException {
    ConvertOptions o =
        parse("in", "--out", "o", "--compression", "ZLIB", "--seed", " 7 ", "--shards= 3");

    assertThat(o.compression()).isEqualTo(TfRecordCompression.ZLIB);
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.shards()).isEqualTo(3);
    assertThat(parse("in", "--out", "o", "--split", "0.5, 0.25 ,0.25").split())
        .isEqualTo(new SplitFractions(0.5, 0.25, 0.25, 0));
    assertThat(parse("in", "--out", "o", "--index", "--compression", "None").index()).isTrue();
  }

  @Test
  void aUsageLineIsOneLineWithTheToolsName() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      status = UsageLine.print(err, "stoker dump", "--size=8 (expected: HxW)");
    }

    assertThat(status).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("stoker dump: --size=8 (expected: HxW) (see --help)" + System.lineSeparator());
  }
}

package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command-line conventions every command shares: {@code --name=value} as well as {@code --name
 * value}, {@code --help}, {@code --version}, one line and status 2 for an unknown or missing
 * option, and shell completion.
 */
class CommandLineTest {
  private static final String[] COMMANDS = {
    "inspect", "verify", "index", "dump", "demo", "bench", "tfrecord-convert"
  };

  @Test
  void equalsSyntaxGivesTheSameRunAsASpace() {
    String file = Shared.file("tfrecord/images.tfrecord").toString();
    Cli.Run spaced = Cli.stoker("inspect", file, "--format", "summary", "--limit", "2");
    Cli.Run joined = Cli.stoker("inspect", file, "--format=summary", "--limit=2");
    assertThat(spaced.status()).as(spaced.err()).isZero();
    assertThat(joined.status()).as(joined.err()).isZero();
    assertThat(joined.out()).isEqualTo(spaced.out()).contains(": 2 records");
  }

  @Test
  void equalsSyntaxCarriesABadValueIntoTheMessage() {
    String file = Shared.file("tfrecord/images.tfrecord").toString();
    Cli.Run run = Cli.stoker("inspect", file, "--limit=-4");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("stoker inspect: --limit=-4 (expected: an integer from 0");
  }

  @Test
  void convertTakesEqualsSyntax(@TempDir Path tmp) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("ds/only"));
    Files.write(folder.resolve("a.jpg"), Fixtures.jpeg(Fixtures.image(8, 8, 1), false));
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.convert(tmp.resolve("ds").toString(), "--out=" + out, "--name=eq", "--shards=1");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(out.resolve("eq-train-00000-of-00001.tfrecord")).exists();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"inspect", "verify", "index", "dump", "demo", "bench", "tfrecord-convert"})
  void everyCommandHasHelpAndVersion(String command) {
    Cli.Run help = Cli.stoker(command, "--help");
    assertThat(help.status()).as(help.err()).isZero();
    assertThat(help.out()).startsWith("usage: stoker " + command).contains("--help", "--version");
    assertThat(help.err()).isEmpty();
    Cli.Run version = Cli.stoker(command, "--version");
    assertThat(version.status()).isZero();
    assertThat(version.out()).isEqualTo(Cli.stoker("--version").out());
  }

  @Test
  void versionIsTheProjectVersion() throws IOException {
    // The project version from the module's pom (its parent's), not from the code under test.
    String pom = Files.readString(Path.of("pom.xml"));
    var m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    assertThat(m.find()).isTrue();
    Cli.Run run = Cli.stoker("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out().strip()).isEqualTo("stoker " + m.group(1));
    assertThat(Cli.convert("--version").out().strip()).isEqualTo("tfrecord-convert " + m.group(1));
  }

  @Test
  void rootHelpListsEveryCommandAndTheExitStatuses() {
    Cli.Run run = Cli.stoker("--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("usage: stoker").contains(COMMANDS).contains("Exit status");
    assertThat(Cli.stoker("help", "verify").out()).isEqualTo(Cli.stoker("verify", "--help").out());
  }

  @Test
  void anUnknownOptionIsOneLineAndStatus2() {
    Cli.Run run = Cli.stoker("verify", "--frobnicate=3", "x.tfrecord");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly("stoker verify: Unknown option: '--frobnicate=3' (see --help)");
  }

  @Test
  void aMissingRequiredOptionIsNamed() {
    String file = Shared.file("tfrecord/images.tfrecord").toString();
    Cli.Run run = Cli.stoker("dump", "--source=" + file, "--size=8x8");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly("stoker dump: Missing required option: '--out=FILE' (see --help)");
  }

  @Test
  void benchPassesEqualsSyntaxThroughToTheSuite() {
    // Without the benchmarks jar the launcher stops before the child; what matters here is that
    // picocli accepts the suite's options in either form instead of refusing them.
    for (String[] args :
        new String[][] {{"bench", "--workers=2", "--quick"}, {"bench", "--workers", "2"}}) {
      Cli.Run run = Cli.stoker(args);
      assertThat(run.errLines())
          .as(run.err())
          .singleElement()
          .asString()
          .contains("stoker.bench.jar=");
    }
  }

  @Test
  void completionScriptCompletesEveryCommand() {
    Cli.Run run = Cli.stoker("generate-completion");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("complete -F").contains(COMMANDS).contains("--format");
  }
}

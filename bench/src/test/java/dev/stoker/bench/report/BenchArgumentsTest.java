package dev.stoker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The suite's command line: both option forms, help, version and usage errors. */
class BenchArgumentsTest {
  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void equalsSyntaxIsAccepted() {
    BenchSettings joined =
        BenchCommand.parse(List.of("--workers=3", "--size=48", "--out=x", "--source=a.tfrecord"));
    BenchSettings spaced =
        BenchCommand.parse(
            List.of("--workers", "3", "--size", "48", "--out", "x", "--source", "a.tfrecord"));
    assertThat(joined).isEqualTo(spaced);
    assertThat(joined.workers()).isEqualTo(3);
    assertThat(joined.size()).isEqualTo(48);
    assertThat(joined.out()).isEqualTo(Path.of("x"));
    assertThat(joined.source()).isEqualTo("a.tfrecord");
  }

  @Test
  void theLaterOfQuickAndFullWins() {
    assertThat(BenchCommand.parse(List.of("--full", "--quick")).quick()).isTrue();
    assertThat(BenchCommand.parse(List.of("--quick", "--full")).quick()).isFalse();
    assertThat(BenchCommand.parse(List.of()).quick()).isFalse();
  }

  @Test
  void helpListsEveryOption() {
    Run run = run("--workers=2", "--help");
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("usage: stoker bench")
        .contains(
            "--quick",
            "--full",
            "--source",
            "--photos",
            "--out",
            "--size",
            "--batch",
            "--photo-batch",
            "--workers",
            "--prefetch",
            "--limit",
            "--step-ms",
            "--forks",
            "--iteration-ms",
            "--version");
  }

  @Test
  void versionIsTheProjectVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    var m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    assertThat(m.find()).isTrue();
    Run run = run("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out().strip()).isEqualTo("stoker bench " + m.group(1));
  }

  @Test
  void anUnknownOptionIsOneLineAndStatus2() {
    Run run = run("--quick", "--frobnicate");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .containsExactly("stoker bench: Unknown option: '--frobnicate' (see --help)");
  }

  @Test
  void aMissingValueAndAnOutOfRangeValueAreNamed() {
    assertThat(run("--out").err())
        .startsWith("stoker bench: Missing required parameter for option '--out'");
    Run zero = run("--workers=0");
    assertThat(zero.status()).isEqualTo(2);
    assertThat(zero.err()).contains("workers=0 (expected: > 0)");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--size=big")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--size=big (expected: an integer)");
  }
}

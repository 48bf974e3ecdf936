package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing run of {@code stoker}, {@code stoker bench} and {@code tfrecord-convert} prints one
 * line that names the file and the problem in words: no Java class name, no stack trace.
 */
class ErrorLinesTest {
  @TempDir Path tmp;

  @Test
  void inspectingAMissingFileNamesItInWords() {
    Path missing = tmp.resolve("nowhere/train-00000.tfrecord");
    assertOneLine(
        Cli.stoker("inspect", missing.toString()),
        "stoker inspect: error: ",
        missing + ": no such file or directory");
  }

  @Test
  void verifyingAFileThatIsNoTfRecordSaysSoOnOneLine() throws IOException {
    Path junk = tmp.resolve("junk.tfrecord");
    byte[] bytes = new byte[4096];
    new SplittableRandom(14).nextBytes(bytes);
    Files.write(junk, bytes);
    Cli.Run run = Cli.stoker("verify", junk.toString());
    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertNoJavaOnScreen(run);
    assertThat(run.outLines()).hasSize(1);
    assertThat(run.out()).startsWith(junk + ": damaged at offset 0");
  }

  @Test
  void verifyingAMissingFileSaysSoOnOneLine() {
    Path missing = tmp.resolve("gone.tfrecord");
    Cli.Run run = Cli.stoker("verify", missing.toString());
    assertThat(run.status()).isEqualTo(1);
    assertNoJavaOnScreen(run);
    assertThat(run.outLines())
        .containsExactly(missing + ": unreadable: " + missing + ": no such file or directory");
  }

  @Test
  void convertingAMissingFolderIsAUsageErrorOnOneLine() {
    Path missing = tmp.resolve("no-such-folder");
    Cli.Run run = Cli.convert(missing.toString(), "--out", tmp.resolve("out").toString());
    assertThat(run.status()).isEqualTo(2);
    assertNoJavaOnScreen(run);
    assertThat(run.errLines())
        .containsExactly(
            "tfrecord-convert: INPUT="
                + missing
                + " (expected: an existing file or folder) (see --help)");
  }

  @Test
  void benchWithoutTheBenchmarksJarSaysWhereItComesFromInOneLine() {
    // stoker.jar carries no benchmark: stoker bench runs bench/target/benchmarks.jar, which
    // bin/stoker builds and names; run in-process here, the property is unset.
    Cli.Run run = Cli.stoker("bench", "--quick");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertNoJavaOnScreen(run);
    assertThat(run.errLines())
        .as(run.err())
        .containsExactly(
            "stoker bench: stoker.bench.jar= (expected: the benchmarks jar; bin/stoker builds"
                + " bench/target/benchmarks.jar and sets it)");
  }

  private static void assertOneLine(Cli.Run run, String prefix, String message) {
    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertNoJavaOnScreen(run);
    assertThat(run.errLines()).as(run.err()).containsExactly(prefix + message);
  }

  private static void assertNoJavaOnScreen(Cli.Run run) {
    assertThat(run.err() + run.out())
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("\tat ");
    assertThat(run.errLines().size() + run.outLines().size())
        .as(run.err() + run.out())
        .isEqualTo(1);
  }
}

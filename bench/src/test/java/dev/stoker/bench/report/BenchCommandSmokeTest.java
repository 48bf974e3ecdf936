package dev.stoker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's smoke test of {@code stoker bench}: quick mode at a tiny size (32×32, small batches, JMH in
 * this JVM) with no data given, so both jobs run on generated data cut to 8 images each, must write
 * the report, the chart and JMH's JSON, say that generated data was used, and the job-G output
 * check must find Stoker's output equal to tf.data's. No figure is asserted: timings are not tests.
 */
class BenchCommandSmokeTest {
  @Test
  void quickModeWithNoDataGeneratesItAndWritesTheReportChartAndJmhJson(@TempDir Path out)
      throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            List.of(
                "--quick",
                "--limit",
                "8",
                "--out",
                out.toString(),
                "--size",
                "32",
                "--batch",
                "8",
                "--photo-batch",
                "4",
                "--workers",
                "2",
                "--prefetch",
                "2",
                "--forks",
                "0",
                "--iteration-ms",
                "200",
                "--step-ms",
                "1"),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
    String report = Files.readString(out.resolve("report.md"));
    assertThat(report)
        .contains("# Stoker benchmark report")
        .contains("| CPU |")
        .contains("| tfdata |")
        .contains("| jdk |")
        .contains("| ceiling |")
        .contains("bit-identical")
        .contains("**equal**")
        .contains("## Data")
        .contains("**Generated data was used**")
        .contains("real data (`--source`, `--photos`) is the better measure")
        .contains("| G | generated imagenet-like")
        .contains("| P | generated photo-like")
        .contains("8 JPEGs")
        .contains("4:2:0: ")
        .contains("gray: 1")
        .contains("1 progressive");
    try (var files = Files.list(out.resolve("generated-data"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("imagenet-like-v1-5eed0001-n8", "photo-like-v1-5eed0002-n8");
    }
    assertThat(ImageIO.read(out.resolve("sweep.png").toFile())).isNotNull();
    assertThat(report)
        .contains("| **AUTO** | **AUTO** |")
        .contains("Sweep: Stoker workers(AUTO), prefetch(AUTO) / the best hand-picked")
        .contains("Paced consumer (a 1 ms step per batch of 8")
        .doesNotContain("%%");
    for (String run :
        List.of("G", "G-ceiling", "P", "P-ceiling", "sweep", "sweep-auto", "paced", "paced-auto")) {
      assertThat(Files.readString(out.resolve("jmh-" + run + ".json")))
          .as("jmh-%s.json", run)
          .contains("\"primaryMetric\"");
    }
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("report.md");
  }

  @Test
  void aBadArgumentIsAUsageError(@TempDir Path out) {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            List.of("--workers", "many"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("--workers=many (expected: an integer)");
  }

  @Test
  void aMissingSourceIsNamedInOneLineBeforeAnythingIsGenerated(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-shard.tfrecord");
    Path out = tmp.resolve("bench");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            List.of("--quick", "--source", missing.toString(), "--out", out.toString()),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String err = stderr.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err).isEqualTo(1);
    assertThat(err.lines().toList())
        .as(err)
        .containsExactly("stoker bench: error: " + missing + ": no such file or directory");
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out.resolve("generated-data")).doesNotExist();
  }
}

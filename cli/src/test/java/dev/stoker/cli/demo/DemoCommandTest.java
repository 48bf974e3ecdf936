package dev.stoker.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.cli.Stoker;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** {@code stoker demo} at a tiny size, in-process, and its command line. */
class DemoCommandTest {
  @Test
  void tinyDemoTrainsAndWritesEventsChartAndReport(@TempDir Path work) throws Exception {
    // An earlier, larger run in the same folder: its images and event files must not survive.
    int earlier =
        Stoker.run(
            List.of(
                "demo",
                "--work-dir",
                work.toString(),
                "--images-per-class",
                "50",
                "--epochs",
                "1",
                "--size",
                "16"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(earlier).isZero();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Stoker.run(
            List.of(
                "demo",
                "--work-dir",
                work.toString(),
                "--images-per-class",
                "40",
                "--epochs",
                "2",
                "--size",
                "16",
                "--workers",
                "2",
                "--seed",
                "5"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as("stdout:%n%s%nstderr:%n%s", printed, err).isZero();
    assertThat(printed)
        .contains(
            "generated 240 JPEGs of 6 classes",
            "epoch  1/2",
            "epoch  2/2",
            "images/s",
            "input stall",
            "test:",
            "batches fed as the pipeline slab's own tensors (no copy)");

    // 6 classes x 40 images, split 80/10/10 by the converter.
    List<Path> shards;
    try (Stream<Path> list = Files.list(work.resolve("tfrecord"))) {
      shards = list.filter(p -> p.toString().endsWith(".tfrecord")).sorted().toList();
    }
    assertThat(shards.stream().map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("shapes-train-"))
        .anyMatch(n -> n.startsWith("shapes-validation-"))
        .anyMatch(n -> n.startsWith("shapes-test-"));
    long records = 0;
    for (Path shard : shards) {
      records += records(shard).size();
    }
    assertThat(records).isEqualTo(240);

    List<Event> train = events(work.resolve("logs/train"));
    List<Event> validation = events(work.resolve("logs/validation"));
    assertThat(train.getFirst().getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(validation.getFirst().getFileVersion()).isEqualTo("brain.Event:2");
    Map<String, List<Long>> trainSteps = stepsByTag(train.subList(1, train.size()));
    assertThat(trainSteps)
        .containsOnlyKeys("epoch_loss", "epoch_accuracy", "images_per_second", "input_stall");
    trainSteps.values().forEach(steps -> assertThat(steps).containsExactly(0L, 1L));
    Map<String, List<Long>> validationSteps = stepsByTag(validation.subList(1, validation.size()));
    assertThat(validationSteps).containsOnlyKeys("epoch_loss", "epoch_accuracy");
    validationSteps.values().forEach(steps -> assertThat(steps).containsExactly(0L, 1L));
    for (Event e : train.subList(1, train.size())) {
      float v = e.getSummary().getValue(0).getSimpleValue();
      assertThat(Float.isFinite(v)).as("%s", e).isTrue();
      assertThat(e.getWallTime()).isPositive();
    }
    for (Event e : validation.subList(1, validation.size())) {
      Summary.Value v = e.getSummary().getValue(0);
      if (v.getTag().equals("epoch_accuracy")) {
        assertThat(v.getSimpleValue()).isBetween(0f, 1f);
      }
    }

    BufferedImage chart = ImageIO.read(work.resolve("history.png").toFile());
    assertThat(chart.getWidth()).isGreaterThan(chart.getHeight());
    String report = Files.readString(work.resolve("report.html"));
    assertThat(report).contains("Test accuracy", "history.png", "<table>");
    assertThat(printed)
        .containsPattern("test: loss [0-9.]+, accuracy [01]\\.[0-9]{3} on \\d+ images");
  }

  @Test
  void theSameSeedTrainsToTheSameHistory(@TempDir Path dir) throws Exception {
    List<String> first = history(dir.resolve("first"));
    List<String> second = history(dir.resolve("second"));
    assertThat(first).hasSize(2 * 2 + 2 * 2);
    assertThat(second).isEqualTo(first);
  }

  /** Runs a tiny demo and returns its loss and accuracy events as "run tag step value" lines. */
  private static List<String> history(Path work) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Stoker.run(
            List.of(
                "demo",
                "--work-dir",
                work.toString(),
                "--images-per-class",
                "20",
                "--epochs",
                "2",
                "--size",
                "16",
                "--seed",
                "11"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).as("%s", out).isZero();
    List<String> lines = new ArrayList<>();
    for (String run : List.of("train", "validation")) {
      for (Event e : events(work.resolve("logs").resolve(run))) {
        if (e.hasSummary() && e.getSummary().getValue(0).getTag().startsWith("epoch_")) {
          Summary.Value v = e.getSummary().getValue(0);
          lines.add(run + " " + v.getTag() + " " + e.getStep() + " " + v.getSimpleValue());
        }
      }
    }
    return lines;
  }

  @Test
  void optionsHaveTheDocumentedDefaults(@TempDir Path dir) throws Exception {
    DemoOptions a = DemoCommand.parse(List.of("--work-dir", dir.toString(), "--seed", "9"));
    assertThat(a.seed()).isEqualTo(9);
    assertThat(a.workDir()).isEqualTo(dir);
    assertThat(a.imagesPerClass()).isEqualTo(DemoOptions.DEFAULT_IMAGES_PER_CLASS);
    assertThat(a.epochs()).isEqualTo(DemoOptions.DEFAULT_EPOCHS);
    assertThat(a.size()).isEqualTo(DemoOptions.DEFAULT_SIZE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--epochs 0|--epochs=0 (expected: an integer from 1 to 1000)",
        "--size 20|--size=20 (expected: a multiple of 8 in 16..256)",
        "--size 512|--size=512 (expected: an integer from 16 to 256)",
        "--images-per-class many|--images-per-class=many (expected: an integer from 10 to 100000)",
        "--workers 0|--workers=0 (expected: an integer from 1 to 64)",
        "--seed x|--seed=x (expected: an integer",
        "extra|unexpected argument extra (expected: options only)",
      })
  void badArgumentsGiveOneLineAndStatus2(String args, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("demo"));
    argv.addAll(List.of(args.split(" ")));
    int status =
        Stoker.run(
            argv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(2);
    assertThat(error).contains(message);
    assertThat(error.strip().lines()).hasSize(1);
    assertThat(out.size()).isZero();
  }

  @Test
  void unknownOptionIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Stoker.run(
            List.of("demo", "--no-such-option"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1);
  }

  @Test
  void helpListsEveryOption() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Stoker.run(
            List.of("demo", "--help"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--work-dir", "--images-per-class", "--epochs", "--seed", "--size", "--workers");
  }

  /** Reads every record of the one event file in a folder, framing parsed by hand. */
  private static List<Event> events(Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    }
    assertThat(files).hasSize(1);
    assertThat(files.getFirst().getFileName().toString())
        .matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+");
    List<Event> events = new ArrayList<>();
    for (byte[] record : records(files.getFirst())) {
      events.add(Event.parseFrom(record));
    }
    return events;
  }

  /** The payloads of a TFRecord file, its framing parsed by hand. */
  private static List<byte[]> records(Path file) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> records = new ArrayList<>();
    while (b.hasRemaining()) {
      // length (8) | masked CRC of length (4) | data | masked CRC of data (4)
      int length = (int) b.getLong();
      b.getInt();
      byte[] data = new byte[length];
      b.get(data);
      b.getInt();
      records.add(data);
    }
    return records;
  }

  private static Map<String, List<Long>> stepsByTag(List<Event> events) {
    Map<String, List<Long>> steps = new TreeMap<>();
    for (Event e : events) {
      assertThat(e.getSummary().getValueCount()).isEqualTo(1);
      steps
          .computeIfAbsent(e.getSummary().getValue(0).getTag(), t -> new ArrayList<>())
          .add(e.getStep());
    }
    return steps;
  }
}

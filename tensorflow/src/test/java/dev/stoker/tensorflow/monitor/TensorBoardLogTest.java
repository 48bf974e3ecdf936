package dev.stoker.tensorflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class TensorBoardLogTest {
  @Test
  void routesMetricsAsKerasTensorBoardCallbackDoes(@TempDir Path logs) throws Exception {
    Path old = Files.createDirectories(logs.resolve("train")).resolve("events.out.tfevents.1.old");
    Files.write(old, new byte[] {1, 2, 3});
    try (TensorBoardLog log = TensorBoardLog.create(logs)) {
      for (int epoch = 0; epoch < 2; epoch++) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 2.0 - epoch);
        metrics.put("accuracy", 0.5 + epoch / 4.0);
        metrics.put("val_loss", 3.0 - epoch);
        metrics.put(InputStats.IMAGES_PER_SECOND, 1000.0);
        metrics.put(InputStats.INPUT_STALL, 0.25);
        log.write(epoch, metrics);
      }
      assertThat(old).doesNotExist();
      assertThat(onlyFile(logs.resolve("train"))).isEqualTo(log.trainFile());
      assertThat(onlyFile(logs.resolve("validation"))).isEqualTo(log.validationFile());

      List<Event> train = EventFiles.read(log.trainFile());
      assertThat(train.getFirst().getFileVersion()).isEqualTo("brain.Event:2");
      assertThat(train.subList(1, train.size()))
          .extracting(e -> e.getStep() + " " + e.getSummary().getValue(0).getTag())
          .containsExactly(
              "0 epoch_loss",
              "0 epoch_accuracy",
              "0 images_per_second",
              "0 input_stall",
              "1 epoch_loss",
              "1 epoch_accuracy",
              "1 images_per_second",
              "1 input_stall");
      assertThat(train.get(5).getSummary().getValue(0).getSimpleValue()).isEqualTo(1f);
      List<Event> validation = EventFiles.read(log.validationFile());
      assertThat(validation.subList(1, validation.size()))
          .extracting(
              e ->
                  e.getStep()
                      + " "
                      + e.getSummary().getValue(0).getTag()
                      + " "
                      + e.getSummary().getValue(0).getSimpleValue())
          .containsExactly("0 epoch_loss 3.0", "1 epoch_loss 2.0");
    }
  }

  private static Path onlyFile(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.getFirst();
    }
  }
}

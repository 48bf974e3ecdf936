package dev.stoker.tensorflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.pipeline.PipelineMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochLineTest {
  @Test
  void printsKerasMetricsThenImagesPerSecondAndInputStall() {
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", 0.41234);
    logs.put(InputStats.INPUT_STALL, 0.013);
    logs.put("accuracy", 0.8612);
    logs.put(InputStats.IMAGES_PER_SECOND, 2210.4);
    logs.put("val_loss", 0.5);
    assertThat(EpochLine.format(2, 10, logs, 4.24))
        .isEqualTo(
            "epoch  3/10  loss 0.4123  accuracy 0.861  val_loss 0.5000    2210 images/s"
                + "  input stall  1.3%  4.2 s");
  }

  @Test
  void inputStatsComeFromTheDifferenceOfTwoSnapshots() {
    PipelineMetrics before = metrics(100, 2_000_000_000L, 500_000_000L);
    PipelineMetrics after = metrics(400, 4_000_000_000L, 1_000_000_000L);
    InputStats stats = InputStats.between(before, after, 2.5);
    assertThat(stats.images()).isEqualTo(300);
    assertThat(stats.imagesPerSecond()).isEqualTo(150.0); // 300 images in 2 s of consuming
    assertThat(stats.inputStall()).isEqualTo(0.25); // 0.5 s waited of 2 s
    assertThat(stats.seconds()).isEqualTo(2.5);
    Map<String, Double> logs = stats.addTo(new LinkedHashMap<>());
    assertThat(logs)
        .containsExactly(
            Map.entry(InputStats.IMAGES_PER_SECOND, 150.0),
            Map.entry(InputStats.INPUT_STALL, 0.25));
  }

  @Test
  void noConsumingTimeGivesZeroRatesNotNaN() {
    PipelineMetrics same = metrics(10, 5, 5);
    InputStats stats = InputStats.between(same, same, 0);
    assertThat(stats.imagesPerSecond()).isZero();
    assertThat(stats.inputStall()).isZero();
  }

  private static PipelineMetrics metrics(long samples, long consumingNanos, long waitNanos) {
    return new PipelineMetrics(
        samples,
        samples / 10,
        consumingNanos,
        waitNanos,
        0,
        0,
        0,
        16,
        0,
        3,
        0,
        List.of(),
        0,
        0,
        1,
        0,
        2,
        List.of());
  }
}

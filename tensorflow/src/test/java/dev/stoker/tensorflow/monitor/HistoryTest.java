package dev.stoker.tensorflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void valuesPerEpochWithNaNWhereAMetricIsMissing() {
    History history = new History();
    Map<String, Double> first = new LinkedHashMap<>();
    first.put("loss", 1.5);
    first.put("accuracy", 0.25);
    history.record(first);
    first.put("loss", 99.0); // the history keeps its own copy
    Map<String, Double> second = new LinkedHashMap<>();
    second.put("loss", 0.75);
    second.put("val_loss", 0.9);
    history.record(second);

    assertThat(history.epochs()).isEqualTo(2);
    assertThat(history.metricNames()).containsExactly("loss", "accuracy", "val_loss");
    assertThat(history.values("loss")).containsExactly(1.5, 0.75);
    assertThat(history.values("accuracy")[0]).isEqualTo(0.25);
    assertThat(history.values("accuracy")[1]).isNaN();
    assertThat(history.values("val_loss")[0]).isNaN();
    assertThat(history.epoch(1)).containsEntry("val_loss", 0.9);
    assertThatThrownBy(() -> history.epoch(1).put("x", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptyMetricNameIsRefused() {
    assertThatThrownBy(() -> new History().record(Map.of("", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric name= (expected: non-empty)");
  }
}

package dev.stoker.tensorflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryChartTest {
  @Test
  void onePanelPerMetricWithTrainAndValidationColours(@TempDir Path dir) throws Exception {
    History history = new History();
    for (int epoch = 0; epoch < 3; epoch++) {
      Map<String, Double> logs = new LinkedHashMap<>();
      logs.put("loss", 2.0 / (epoch + 1));
      logs.put("accuracy", 0.3 + 0.2 * epoch);
      logs.put("val_loss", 2.5 / (epoch + 1));
      logs.put("val_accuracy", 0.25 + 0.2 * epoch);
      logs.put(InputStats.IMAGES_PER_SECOND, 900.0);
      history.record(logs);
    }
    assertThat(HistoryChart.panels(history)).containsExactly("loss", "accuracy");
    Path png = dir.resolve("history.png");
    HistoryChart.write(history, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * HistoryChart.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(HistoryChart.HEIGHT);
    for (int panel = 0; panel < 2; panel++) {
      assertThat(count(image, panel, 0x1F77B4)).as("train pixels in panel %d", panel).isPositive();
      assertThat(count(image, panel, 0xFF7F0E))
          .as("validation pixels in panel %d", panel)
          .isPositive();
    }
  }

  @Test
  void aHistoryWithOnlyInputMetricsIsRefused(@TempDir Path dir) {
    History history = new History();
    history.record(Map.of(InputStats.INPUT_STALL, 0.5));
    assertThatThrownBy(() -> HistoryChart.write(history, dir.resolve("h.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: at least one metric");
  }

  private static int count(BufferedImage image, int panel, int rgb) {
    int n = 0;
    for (int x = panel * HistoryChart.PANEL_WIDTH;
        x < (panel + 1) * HistoryChart.PANEL_WIDTH;
        x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}

package dev.stoker.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the training history as a PNG: loss per epoch on the left, accuracy on the right, training
 * in blue and validation in orange, as Keras users plot {@code history.history}.
 */
final class HistoryChart {
  private static final int PANEL_WIDTH = 420;
  private static final int HEIGHT = 320;
  private static final int MARGIN = 48;
  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALIDATION = new Color(255, 127, 14);

  private HistoryChart() {}

  /**
   * Writes the chart.
   *
   * @param history the epochs, in order
   * @param file the PNG file to write
   * @throws IOException when the file cannot be written
   */
  static void write(List<EpochResult> history, Path file) throws IOException {
    BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      double maxLoss = 0;
      for (EpochResult e : history) {
        maxLoss = Math.max(maxLoss, finiteOr0(e.train().loss()));
        maxLoss = Math.max(maxLoss, finiteOr0(e.validation().loss()));
      }
      panel(
          g,
          0,
          "loss",
          history,
          e -> e.train().loss(),
          e -> e.validation().loss(),
          maxLoss > 0 ? maxLoss * 1.1 : 1);
      panel(
          g,
          PANEL_WIDTH,
          "accuracy",
          history,
          e -> e.train().accuracy(),
          e -> e.validation().accuracy(),
          1);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException(file + ": no PNG writer available");
    }
  }

  private static void panel(
      Graphics2D g,
      int left,
      String title,
      List<EpochResult> history,
      ToDoubleFunction<EpochResult> train,
      ToDoubleFunction<EpochResult> validation,
      double top) {
    int x0 = left + MARGIN;
    int x1 = left + PANEL_WIDTH - 16;
    int y0 = HEIGHT - MARGIN;
    int y1 = 32;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(new Color(230, 230, 230));
    for (int i = 0; i <= 4; i++) {
      int y = y0 - (y0 - y1) * i / 4;
      g.drawLine(x0, y, x1, y);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(x0, y1, x1 - x0, y0 - y1);
    for (int i = 0; i <= 4; i++) {
      int y = y0 - (y0 - y1) * i / 4;
      g.drawString(String.format(Locale.ROOT, "%.2f", top * i / 4), left + 6, y + 4);
    }
    int epochs = history.size();
    for (int i = 0; i < epochs; i++) {
      g.drawString(Integer.toString(i + 1), xAt(i, epochs, x0, x1) - 3, y0 + 16);
    }
    g.drawString("epoch", (x0 + x1) / 2 - 14, y0 + 32);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, x0, y1 - 10);
    line(g, history, train, TRAIN, top, x0, x1, y0, y1);
    line(g, history, validation, VALIDATION, top, x0, x1, y0, y1);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(TRAIN);
    g.drawString("train", x1 - 110, y1 - 10);
    g.setColor(VALIDATION);
    g.drawString("validation", x1 - 70, y1 - 10);
  }

  private static void line(
      Graphics2D g,
      List<EpochResult> history,
      ToDoubleFunction<EpochResult> value,
      Color color,
      double top,
      int x0,
      int x1,
      int y0,
      int y1) {
    Path2D.Double path = new Path2D.Double();
    boolean started = false;
    g.setColor(color);
    for (int i = 0; i < history.size(); i++) {
      double v = value.applyAsDouble(history.get(i));
      if (!Double.isFinite(v)) {
        continue;
      }
      double x = xAt(i, history.size(), x0, x1);
      double y = y0 - (y0 - y1) * Math.clamp(v / top, 0, 1);
      if (started) {
        path.lineTo(x, y);
      } else {
        path.moveTo(x, y);
        started = true;
      }
      g.fillOval((int) x - 3, (int) y - 3, 6, 6);
    }
    g.setStroke(new BasicStroke(2f));
    g.draw(path);
    g.setStroke(new BasicStroke(1f));
  }

  private static int xAt(int i, int n, int x0, int x1) {
    return n <= 1 ? (x0 + x1) / 2 : x0 + 12 + (x1 - x0 - 24) * i / (n - 1);
  }

  private static double finiteOr0(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}

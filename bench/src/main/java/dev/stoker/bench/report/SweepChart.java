package dev.stoker.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.openjdk.jmh.results.RunResult;

/**
 * Draws {@code sweep.png}: two panels over the worker count, images/s on the left and the input
 * stall in % on the right, one line per prefetch depth.
 */
final class SweepChart {
  private static final int PANEL_W = 460;
  private static final int PANEL_H = 320;
  private static final int MARGIN = 56;
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b)
  };

  private SweepChart() {}

  static void write(List<RunResult> sweep, BenchSettings s, Path file) throws IOException {
    Map<Integer, Map<Integer, RunResult>> byPrefetch = new TreeMap<>();
    for (RunResult r : sweep) {
      byPrefetch
          .computeIfAbsent(
              Integer.parseInt(BenchResults.param(r, "prefetch")), k -> new TreeMap<>())
          .put(Integer.parseInt(BenchResults.param(r, "workers")), r);
    }
    BufferedImage img =
        new BufferedImage(
            2 * (PANEL_W + MARGIN) + MARGIN, PANEL_H + 2 * MARGIN + 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      panel(
          g,
          MARGIN,
          "images/s (job G, " + s.size() + "², step " + s.stepMillis() + " ms)",
          byPrefetch,
          r -> BenchResults.secondary(r, "images"));
      panel(
          g,
          2 * MARGIN + PANEL_W,
          "input stall %",
          byPrefetch,
          r -> BenchResults.secondary(r, "waitMicros") / 1e4);
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private static void panel(
      Graphics2D g,
      int x0,
      String title,
      Map<Integer, Map<Integer, RunResult>> byPrefetch,
      ToDoubleFunction<RunResult> value) {
    int y0 = MARGIN + 10;
    int maxWorkers = 1;
    double maxY = 0;
    for (Map<Integer, RunResult> line : byPrefetch.values()) {
      for (var e : line.entrySet()) {
        maxWorkers = Math.max(maxWorkers, e.getKey());
        double v = value.applyAsDouble(e.getValue());
        if (!Double.isNaN(v)) {
          maxY = Math.max(maxY, v);
        }
      }
    }
    maxY = maxY <= 0 ? 1 : maxY * 1.1;
    g.setColor(Color.BLACK);
    g.drawString(title, x0, y0 - 16);
    for (int t = 0; t <= 4; t++) {
      int y = y0 + PANEL_H - t * PANEL_H / 4;
      g.setColor(new Color(0xdddddd));
      g.drawLine(x0 + 1, y, x0 + PANEL_W - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f", maxY * t / 4), x0 - 48, y + 4);
    }
    g.drawRect(x0, y0, PANEL_W, PANEL_H);
    for (int w = 1; w <= maxWorkers; w++) {
      int x = xOf(x0, w, maxWorkers);
      g.drawString(Integer.toString(w), x - 3, y0 + PANEL_H + 16);
    }
    g.drawString("workers", x0 + PANEL_W / 2 - 20, y0 + PANEL_H + 32);
    int series = 0;
    for (var line : byPrefetch.entrySet()) {
      Color c = COLORS[series % COLORS.length];
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      for (var e : line.getValue().entrySet()) {
        double v = value.applyAsDouble(e.getValue());
        int x = xOf(x0, e.getKey(), maxWorkers);
        int y = y0 + PANEL_H - (int) Math.round(v / maxY * PANEL_H);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.drawString("prefetch " + line.getKey(), x0 + PANEL_W - 90, y0 + 16 + 14 * series);
      series++;
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static int xOf(int x0, int workers, int maxWorkers) {
    return maxWorkers == 1
        ? x0 + PANEL_W / 2
        : x0 + 30 + (PANEL_W - 60) * (workers - 1) / (maxWorkers - 1);
  }
}

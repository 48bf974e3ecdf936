package dev.stoker.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.openjdk.jmh.results.RunResult;

/**
 * Draws {@code sweep.png}: two panels over the worker count, images/s on the left and the input
 * stall in % on the right, one line per prefetch depth, for the hand-picked configurations (the
 * AUTO row is in the report's table). Drawn with JFreeChart, as the training history chart of the
 * tensorflow module.
 */
final class SweepChart {
  private static final int PANEL_W = 520;
  private static final int PANEL_H = 380;

  private SweepChart() {}

  static void write(List<RunResult> sweep, BenchSettings s, Path file) throws IOException {
    Map<Integer, Map<Integer, RunResult>> byPrefetch = new TreeMap<>();
    for (RunResult r : sweep.stream().filter(r -> !BenchResults.isAuto(r)).toList()) {
      byPrefetch
          .computeIfAbsent(
              Integer.parseInt(BenchResults.param(r, "prefetch")), k -> new TreeMap<>())
          .put(Integer.parseInt(BenchResults.param(r, "workers")), r);
    }
    JFreeChart images =
        chart(
            "images/s (job G, " + s.size() + "², consumer never busy)",
            "images/s",
            byPrefetch,
            r -> BenchResults.secondary(r, "images"));
    JFreeChart stall =
        chart(
            "input stall %",
            "input stall %", byPrefetch, r -> BenchResults.secondary(r, "waitMicros") / 1e4);
    BufferedImage img = new BufferedImage(2 * PANEL_W, PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      images.draw(g, new Rectangle2D.Double(0, 0, PANEL_W, PANEL_H));
      stall.draw(g, new Rectangle2D.Double(PANEL_W, 0, PANEL_W, PANEL_H));
    } finally {
      g.dispose();
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartUtils.writeBufferedImageAsPNG(out, img);
    }
  }

  private static JFreeChart chart(
      String title,
      String axis,
      Map<Integer, Map<Integer, RunResult>> byPrefetch,
      ToDoubleFunction<RunResult> value) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (var line : byPrefetch.entrySet()) {
      XYSeries series = new XYSeries("prefetch " + line.getKey());
      for (var e : line.getValue().entrySet()) {
        double v = value.applyAsDouble(e.getValue());
        if (Double.isFinite(v)) {
          series.add(e.getKey().doubleValue(), v);
        }
      }
      data.addSeries(series);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, "workers", axis, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    return chart;
  }
}

package dev.stoker.tensorflow.monitor;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link History} as a PNG, the way Keras users plot {@code history.history} with
 * matplotlib: one panel per metric side by side (loss, accuracy, …), the training pass in blue and
 * the validation pass ({@code val_} metrics) in orange, epochs from 1 on the horizontal axis.
 * Stoker's input metrics ({@link InputStats}) are left out; TensorBoard shows them.
 *
 * <p>Drawn with JFreeChart into an image in memory: no display needed.
 */
public final class HistoryChart {
  /** One panel's width in pixels. */
  public static final int PANEL_WIDTH = 420;

  /** The chart's height in pixels. */
  public static final int HEIGHT = 320;

  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALIDATION = new Color(255, 127, 14);

  private HistoryChart() {}

  /**
   * Returns the metrics that get a panel: every name without its {@code val_} prefix, in the order
   * first recorded, except the input metrics.
   *
   * @param history the history
   * @return the panels' metrics
   */
  public static List<String> panels(History history) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : history.metricNames()) {
      String base =
          name.startsWith(History.VALIDATION_PREFIX)
              ? name.substring(History.VALIDATION_PREFIX.length())
              : name;
      if (!base.equals(InputStats.IMAGES_PER_SECOND) && !base.equals(InputStats.INPUT_STALL)) {
        names.add(base);
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * Writes the chart, {@link #PANEL_WIDTH} pixels wide per panel and {@link #HEIGHT} high.
   *
   * @param history the epochs, in order; at least one metric
   * @param file the PNG file to write
   * @throws IOException when the file cannot be written
   * @throws IllegalArgumentException when the history has no metric to draw
   */
  public static void write(History history, Path file) throws IOException {
    List<String> panels = panels(history);
    if (panels.isEmpty()) {
      throw new IllegalArgumentException(
          "history=" + history + " (expected: at least one metric besides the input metrics)");
    }
    BufferedImage image =
        new BufferedImage(panels.size() * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      for (int i = 0; i < panels.size(); i++) {
        chart(history, panels.get(i))
            .draw(g, new Rectangle2D.Double(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
      }
    } finally {
      g.dispose();
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartUtils.writeBufferedImageAsPNG(out, image);
    }
  }

  private static JFreeChart chart(History history, String metric) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    addSeries(data, renderer, "train", history.values(metric), TRAIN);
    addSeries(
        data,
        renderer,
        "validation",
        history.values(History.VALIDATION_PREFIX + metric),
        VALIDATION);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            metric, "epoch", metric, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setRenderer(renderer);
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    return chart;
  }

  private static void addSeries(
      XYSeriesCollection data,
      XYLineAndShapeRenderer renderer,
      String name,
      double[] values,
      Color color) {
    XYSeries series = new XYSeries(name);
    for (int epoch = 0; epoch < values.length; epoch++) {
      if (Double.isFinite(values[epoch])) {
        series.add(epoch + 1, values[epoch]);
      }
    }
    if (series.isEmpty()) {
      return;
    }
    renderer.setSeriesPaint(data.getSeriesCount(), color);
    data.addSeries(series);
  }
}

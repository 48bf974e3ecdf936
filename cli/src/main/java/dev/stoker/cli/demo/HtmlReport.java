package dev.stoker.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the demo's one-page HTML report: the set-up, the chart, and the per-epoch table. */
final class HtmlReport {
  private HtmlReport() {}

  /**
   * Writes the report.
   *
   * @param file the HTML file
   * @param chart the chart's file name, relative to the report
   * @param options the run's options
   * @param classes the class names
   * @param history the epochs
   * @param test the test pass
   * @throws IOException when the file cannot be written
   */
  static void write(
      Path file,
      String chart,
      DemoOptions options,
      List<String> classes,
      List<EpochResult> history,
      PassResult test)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Stoker demo</title>\n<style>body{font-family:sans-serif;margin:2em}")
        .append("table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}")
        .append("th{border-bottom:1px solid #888}</style></head><body>\n")
        .append("<h1>Stoker demo: a small CNN on generated shapes</h1>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<p>%d classes (%s), %d images each, %d&times;%d pixels, split 80/10/10 into"
                    + " TFRecord shards; seed %d; batch %d; %d epochs; Adam, learning rate %s;"
                    + " %d pipeline workers.</p>\n",
                classes.size(),
                escape(String.join(", ", classes)),
                options.imagesPerClass(),
                options.size(),
                options.size(),
                options.seed(),
                options.batchSize(),
                options.epochs(),
                options.learningRate(),
                options.workers()))
        .append(
            String.format(
                Locale.ROOT,
                "<p><b>Test accuracy: %.3f</b> (loss %.4f, %d images).</p>\n",
                test.accuracy(),
                test.loss(),
                test.samples()))
        .append("<p><img src=\"")
        .append(escape(chart))
        .append("\" alt=\"loss and accuracy per epoch\"></p>\n<table>\n<tr><th>epoch</th>")
        .append("<th>loss</th><th>accuracy</th><th>val loss</th><th>val accuracy</th>")
        .append("<th>images/s</th><th>input stall</th><th>seconds</th></tr>\n");
    for (EpochResult e : history) {
      b.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%.4f</td><td>%.3f</td><td>%.4f</td><td>%.3f</td><td>%.0f</td>"
                  + "<td>%.1f%%</td><td>%.1f</td></tr>\n",
              e.epoch() + 1,
              e.train().loss(),
              e.train().accuracy(),
              e.validation().loss(),
              e.validation().accuracy(),
              e.imagesPerSecond(),
              100 * e.inputStall(),
              e.seconds()));
    }
    b.append("</table>\n<p>TensorBoard: <code>tensorboard --logdir logs</code></p>\n")
        .append("</body></html>\n");
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

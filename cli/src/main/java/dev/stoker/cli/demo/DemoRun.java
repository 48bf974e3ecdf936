package dev.stoker.cli.demo;

import dev.stoker.augment.KerasAugmentation;
import dev.stoker.cli.TfRecordConvert;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.dataset.ImageDataset;
import dev.stoker.tensorflow.monitor.EpochLine;
import dev.stoker.tensorflow.monitor.History;
import dev.stoker.tensorflow.monitor.HistoryChart;
import dev.stoker.tensorflow.monitor.InputMeter;
import dev.stoker.tensorflow.monitor.InputStats;
import dev.stoker.tensorflow.monitor.TensorBoardLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of {@code stoker demo}: generate, convert, train, report.
 *
 * <pre>
 *   work/images/&lt;class&gt;/*.jpg ──tfrecord-convert──► work/tfrecord/shapes-{train,validation,test}-*
 *        ──ImageDataset (zoom, shift, flip, 1/255)──► TensorFlow session ──► work/logs/{train,validation}/events.*
 *                                                               └─► work/history.png, work/report.html
 * </pre>
 */
final class DemoRun {
  private static final String NAME = "shapes";

  private final DemoOptions options;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * Prepares a run.
   *
   * @param options what to run
   * @param out where the history and the results are printed
   * @param err where the converter's progress goes
   */
  DemoRun(DemoOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the demo.
   *
   * @return what it produced
   * @throws IOException when a file cannot be read or written, or the conversion fails
   * @throws InterruptedException when interrupted
   */
  DemoResult run() throws IOException, InterruptedException {
    long start = System.nanoTime();
    Path work = options.workDir();
    Path images = work.resolve("images");
    Path shards = work.resolve("tfrecord");
    List<String> classes =
        Arrays.stream(ShapeKind.values()).map(ShapeKind::folder).sorted().toList();

    removeOldImages(images);
    long t = System.nanoTime();
    long count =
        new ShapeDataset(options.size(), options.seed())
            .write(images, options.imagesPerClass(), options.workers());
    out.printf(
        Locale.ROOT,
        "generated %d JPEGs of %d classes (%s), %dx%d, in %s (%.1f s)%n",
        count,
        classes.size(),
        String.join(", ", classes),
        options.size(),
        options.size(),
        images,
        seconds(t));

    t = System.nanoTime();
    convert(images, shards);
    out.printf(Locale.ROOT, "converted to TFRecord shards in %s (%.1f s)%n", shards, seconds(t));

    List<EpochResult> history = new ArrayList<>();
    History logs = new History();
    PassResult test;
    Path trainLog;
    Path validationLog;
    // Keras: image_dataset_from_directory(...) with ImageDataGenerator(rescale=1/255, ...).
    KerasAugmentation augment =
        KerasAugmentation.builder()
            .rescale(1f / 255)
            .zoomRange(0.8, 1.0)
            .widthShiftRange(0.1)
            .heightShiftRange(0.1)
            .horizontalFlip(true)
            .build();
    KerasAugmentation rescale = KerasAugmentation.builder().rescale(1f / 255).build();
    try (ImageDataset train = dataset(shards, "train", classes, augment);
        ImageDataset validation = dataset(shards, "validation", classes, rescale);
        ImageDataset testSet = dataset(shards, "test", classes, rescale);
        TrainingLoop loop =
            new TrainingLoop(
                options.size(), classes.size(), options.learningRate(), options.seed());
        TensorBoardLog tensorBoard = TensorBoardLog.create(work.resolve("logs"))) {
      out.printf(
          Locale.ROOT,
          "training a small CNN on %d images, validating on %d, for %d epochs%n",
          train.sampleCount(),
          validation.sampleCount(),
          options.epochs());
      for (int epoch = 0; epoch < options.epochs(); epoch++) {
        PassResult trained;
        InputStats input;
        try (Pipeline pipeline = train.open(epoch)) {
          InputMeter meter = InputMeter.start(pipeline);
          trained = loop.train(pipeline, train.batchesPerEpoch());
          input = meter.stop();
        }
        PassResult validated = evaluate(loop, validation);
        history.add(
            new EpochResult(
                epoch,
                trained,
                validated,
                input.imagesPerSecond(),
                input.inputStall(),
                input.seconds()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", trained.loss());
        metrics.put("accuracy", trained.accuracy());
        metrics.put("val_loss", validated.loss());
        metrics.put("val_accuracy", validated.accuracy());
        input.addTo(metrics);
        logs.record(metrics);
        tensorBoard.write(epoch, metrics);
        out.println(EpochLine.format(epoch, options.epochs(), metrics, input.seconds()));
      }
      test = evaluate(loop, testSet);
      out.printf(
          Locale.ROOT,
          "hand-over: %d batches fed as the pipeline slab's own tensors (no copy), %d copied"
              + " (partial last batches)%n",
          loop.viewBatches(),
          loop.copiedBatches());
      trainLog = tensorBoard.trainFile();
      validationLog = tensorBoard.validationFile();
    }
    out.printf(
        Locale.ROOT,
        "test: loss %.4f, accuracy %.3f on %d images (chance: %.3f)%n",
        test.loss(),
        test.accuracy(),
        test.samples(),
        1.0 / classes.size());

    Path chart = work.resolve("history.png");
    HistoryChart.write(logs, chart);
    Path report = work.resolve("report.html");
    HtmlReport.write(report, chart.getFileName().toString(), options, classes, history, test);
    out.printf(Locale.ROOT, "TensorBoard: tensorboard --logdir %s%n", work.resolve("logs"));
    out.printf(Locale.ROOT, "report: %s (chart: %s)%n", report, chart);
    out.printf(Locale.ROOT, "total: %.1f s%n", seconds(start));
    return new DemoResult(history, test, trainLog, validationLog, chart, report);
  }

  private void convert(Path images, Path shards) throws IOException {
    List<String> args =
        List.of(
            images.toString(),
            "--out",
            shards.toString(),
            "--name",
            NAME,
            "--split",
            "0.8,0.1,0.1",
            "--seed",
            Long.toString(options.seed()),
            "--shards",
            "2",
            "--index",
            "--workers",
            Integer.toString(options.workers()),
            "--overwrite");
    int status = TfRecordConvert.run(args, out, err);
    if (status != 0) {
      throw new IOException(
          "tfrecord-convert " + String.join(" ", args) + " failed with exit status " + status);
    }
  }

  private ImageDataset dataset(
      Path shards, String split, List<String> classes, KerasAugmentation augmentation)
      throws IOException {
    return ImageDataset.fromTfRecords(
            List.of(shards.resolve(NAME + "-" + split + "-*.tfrecord").toString()))
        .classNames(classes)
        .imageSize(options.size(), options.size())
        .batchSize(options.batchSize())
        .seed(options.seed())
        .workers(options.workers())
        .maxImageBytes(1 << 20)
        .augmentation(augmentation)
        .build();
  }

  private static PassResult evaluate(TrainingLoop loop, ImageDataset dataset) {
    try (Pipeline pipeline = dataset.open(0)) {
      return loop.evaluate(pipeline);
    }
  }

  /** Deletes the images an earlier run generated, so a smaller run leaves no extra files. */
  private static void removeOldImages(Path images) throws IOException {
    for (ShapeKind kind : ShapeKind.values()) {
      Path dir = images.resolve(kind.folder());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, kind.folder() + "-*.jpg")) {
        for (Path f : files) {
          Files.delete(f);
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}

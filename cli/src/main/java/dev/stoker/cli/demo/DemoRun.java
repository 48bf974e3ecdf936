package dev.stoker.cli.demo;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.HorizontalFlip;
import dev.stoker.augment.Normalization;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.augment.Resize;
import dev.stoker.cli.TfRecordConvert;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineMetrics;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.tensorflow.TensorBatchAllocator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One run of {@code stoker demo}: generate, convert, train, report.
 *
 * <pre>
 *   work/images/&lt;class&gt;/*.jpg ──tfrecord-convert──► work/tfrecord/shapes-{train,validation,test}-*
 *        ──Pipeline (crop, flip, 1/255)──► TensorFlow session ──► work/logs/{train,validation}/events.*
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

    removeOldEvents(work.resolve("logs/train"));
    removeOldEvents(work.resolve("logs/validation"));
    List<EpochResult> history = new ArrayList<>();
    PassResult test;
    Path trainLog;
    Path validationLog;
    double wallStart = System.currentTimeMillis() / 1000.0;
    String host = hostName();
    try (TfRecordSource train = source(shards, "train", classes);
        TfRecordSource validation = source(shards, "validation", classes);
        TfRecordSource testSource = source(shards, "test", classes);
        TrainingLoop loop =
            new TrainingLoop(
                options.size(), classes.size(), options.learningRate(), options.seed());
        EventFile trainEvents = EventFile.create(work.resolve("logs/train"), wallStart, host);
        EventFile validationEvents =
            EventFile.create(work.resolve("logs/validation"), wallStart, host)) {
      long trainCount = train.sampleCount().orElseThrow();
      long batchesPerEpoch = (trainCount + options.batchSize() - 1) / options.batchSize();
      out.printf(
          Locale.ROOT,
          "training a small CNN on %d images, validating on %d, for %d epochs%n",
          trainCount,
          validation.sampleCount().orElseThrow(),
          options.epochs());
      try (Pipeline pipeline = open(train, trainAugmentation(), options.epochs(), "demo-train")) {
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
          PipelineMetrics before = pipeline.metrics();
          long epochStart = System.nanoTime();
          PassResult trained = loop.train(pipeline, batchesPerEpoch);
          double epochSeconds = seconds(epochStart);
          PipelineMetrics after = pipeline.metrics();
          long consuming = after.consumingNanos() - before.consumingNanos();
          double imagesPerSecond =
              consuming == 0
                  ? 0
                  : (after.samplesDelivered() - before.samplesDelivered()) * 1e9 / consuming;
          double stall =
              consuming == 0
                  ? 0
                  : Math.min(1.0, (double) (after.waitNanos() - before.waitNanos()) / consuming);
          PassResult validated = evaluate(loop, validation, epoch);
          EpochResult result =
              new EpochResult(epoch, trained, validated, imagesPerSecond, stall, epochSeconds);
          history.add(result);
          print(result);
          log(trainEvents, validationEvents, result);
        }
      }
      test = evaluate(loop, testSource, options.epochs());
      out.printf(
          Locale.ROOT,
          "hand-over: %d batches fed as the pipeline slab's own tensors (no copy), %d copied"
              + " (partial last batches)%n",
          loop.viewBatches(),
          loop.copiedBatches());
      trainLog = trainEvents.path();
      validationLog = validationEvents.path();
    }
    out.printf(
        Locale.ROOT,
        "test: loss %.4f, accuracy %.3f on %d images (chance: %.3f)%n",
        test.loss(),
        test.accuracy(),
        test.samples(),
        1.0 / classes.size());

    Path chart = work.resolve("history.png");
    HistoryChart.write(history, chart);
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

  private TfRecordSource source(Path shards, String split, List<String> classes)
      throws IOException {
    String glob = shards.resolve(NAME + "-" + split + "-*.tfrecord").toString();
    return TfRecordSource.open(TfRecordOptions.builder(List.of(glob)).labelNames(classes).build());
  }

  private Augmentation trainAugmentation() {
    return Augmentation.builder()
        .add(RandomResizedCrop.of(options.size()).withScale(0.6, 1.0))
        .add(new HorizontalFlip(0.5))
        .normalization(Normalization.rescale(1f / 255))
        .build();
  }

  private PassResult evaluate(TrainingLoop loop, TfRecordSource source, int epoch) {
    Augmentation resize =
        Augmentation.builder()
            .add(new Resize(options.size(), options.size()))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    try (Pipeline pipeline = open(source, resize, 1, "demo-eval-" + epoch)) {
      return loop.evaluate(pipeline);
    }
  }

  private Pipeline open(
      TfRecordSource source, Augmentation augmentation, long epochs, String name) {
    return Pipeline.open(
        PipelineOptions.builder()
            .name(name)
            .source(source)
            .processor(ImageSampleProcessor.factory(augmentation, DecodeOptions.defaults()))
            .imageSize(options.size(), options.size())
            .elementType(ElementType.FLOAT32)
            .batchSize(options.batchSize())
            .workers(options.workers())
            .epochs(epochs)
            .seed(options.seed())
            .maxEncodedBytes(1 << 20)
            .allocator(TensorBatchAllocator.create())
            .build());
  }

  private void print(EpochResult e) {
    out.printf(
        Locale.ROOT,
        "epoch %2d/%d  loss %.4f  accuracy %.3f  val_loss %.4f  val_accuracy %.3f  %5.0f images/s"
            + "  input stall %4.1f%%  %.1f s%n",
        e.epoch() + 1,
        options.epochs(),
        e.train().loss(),
        e.train().accuracy(),
        e.validation().loss(),
        e.validation().accuracy(),
        e.imagesPerSecond(),
        100 * e.inputStall(),
        e.seconds());
  }

  private static void log(EventFile train, EventFile validation, EpochResult e) throws IOException {
    double now = System.currentTimeMillis() / 1000.0;
    train.scalar(now, e.epoch(), "epoch_loss", (float) e.train().loss());
    train.scalar(now, e.epoch(), "epoch_accuracy", (float) e.train().accuracy());
    train.scalar(now, e.epoch(), "images_per_second", (float) e.imagesPerSecond());
    train.scalar(now, e.epoch(), "input_stall", (float) e.inputStall());
    validation.scalar(now, e.epoch(), "epoch_loss", (float) e.validation().loss());
    validation.scalar(now, e.epoch(), "epoch_accuracy", (float) e.validation().accuracy());
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

  /** Deletes an earlier run's event files, so TensorBoard shows this run's history alone. */
  private static void removeOldEvents(Path logs) throws IOException {
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "events.out.tfevents.*")) {
      for (Path f : files) {
        Files.delete(f);
      }
    }
  }

  private static String hostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      String clean = name.replaceAll("[^A-Za-z0-9._-]", "_");
      return clean.isEmpty() ? "localhost" : clean;
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}

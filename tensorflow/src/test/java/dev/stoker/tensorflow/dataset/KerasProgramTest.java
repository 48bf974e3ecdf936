package dev.stoker.tensorflow.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.augment.FillMode;
import dev.stoker.augment.KerasAugmentation;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.LabelMode;
import dev.stoker.tensorflow.TensorBatch;
import dev.stoker.tensorflow.monitor.EpochLine;
import dev.stoker.tensorflow.monitor.History;
import dev.stoker.tensorflow.monitor.HistoryChart;
import dev.stoker.tensorflow.monitor.InputMeter;
import dev.stoker.tensorflow.monitor.InputStats;
import dev.stoker.tensorflow.monitor.TensorBoardLog;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.types.TFloat32;

/**
 * The Keras user's program, in Java, over a generated folder dataset: folders split 80/10/10,
 * rescale and augmentation, a fit loop, the history chart and TensorBoard.
 */
class KerasProgramTest {
  private static final String[] CLASSES = {"cat", "dog", "fox"};
  private static final Color[] COLORS = {
    new Color(220, 30, 30), new Color(30, 200, 40), Color.WHITE
  };
  private static final int PER_CLASS = 40;
  private static final int SIZE = 16;

  @Test
  void theKerasUsersProgram(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("shapes");
    ClassFolders.write(root, PER_CLASS, CLASSES, COLORS);

    // image_dataset_from_directory + ImageDataGenerator(rescale=1/255, ...), split 80/10/10.
    KerasAugmentation generator =
        KerasAugmentation.builder()
            .rescale(1f / 255)
            .rotationRange(15)
            .widthShiftRange(0.1)
            .zoomRange(0.1)
            .horizontalFlip(true)
            .fillMode(FillMode.NEAREST)
            .build();
    int epochs = 2;
    History history = new History();
    try (ImageDatasetSplits data =
            ImageDataset.fromDirectory(root.toString())
                .split(SplitFractions.standard(42))
                .imageSize(SIZE, SIZE)
                .batchSize(8)
                .labelMode(LabelMode.CATEGORICAL)
                .augmentation(generator)
                .buildSplits();
        TensorBoardLog tensorBoard = TensorBoardLog.create(dir.resolve("logs"))) {
      ImageDataset train = data.training();
      ImageDataset validation = data.validation();
      ImageDataset test = data.test();
      assertThat(test).isNotNull();

      // Class names, and split sizes that each file's hash decides on its own.
      assertThat(train.classNames()).containsExactly("cat", "dog", "fox");
      assertThat(validation.classNames()).containsExactly("cat", "dog", "fox");
      Map<Subset, Integer> expected = expectedSplit(root, SplitFractions.standard(42));
      assertThat(train.sampleCount()).isEqualTo((long) expected.get(Subset.TRAIN));
      assertThat(validation.sampleCount()).isEqualTo((long) expected.get(Subset.VALIDATION));
      assertThat(test.sampleCount()).isEqualTo((long) expected.get(Subset.TEST));
      assertThat(train.sampleCount() + validation.sampleCount() + test.sampleCount())
          .isEqualTo(3L * PER_CLASS);
      assertThat(train.sampleCount()).isGreaterThan(validation.sampleCount() * 4);
      assertThat(files(train)).doesNotContainAnyElementsOf(files(validation));
      assertThat(train.batchesPerEpoch()).isEqualTo((train.sampleCount() + 7) / 8);

      // "fit": a nearest-centroid model learns each class's mean colour from the one-hot targets.
      for (int epoch = 0; epoch < epochs; epoch++) {
        double[][] sums = new double[3][3];
        long[] counts = new long[3];
        long seen = 0;
        InputMeter meter;
        try (Pipeline pipeline = train.open(epoch)) {
          meter = InputMeter.start(pipeline);
          while (pipeline.hasNext()) {
            try (Batch batch = pipeline.next();
                TensorBatch tensors = train.tensors(batch)) {
              TFloat32 images = tensors.images(TFloat32.class);
              TFloat32 targets = (TFloat32) tensors.targets();
              assertThat(images.shape().asArray()).containsExactly(batch.size(), SIZE, SIZE, 3);
              assertThat(targets.shape().asArray()).containsExactly(batch.size(), 3);
              for (int i = 0; i < batch.size(); i++) {
                int label = oneHot(targets, i);
                assertThat(label).isEqualTo(batch.label(i));
                String file = train.file(batch.sampleId(i)).orElseThrow();
                assertThat(Path.of(file).getParent().getFileName().toString())
                    .isEqualTo(CLASSES[label]);
                double[] mean = meanColour(images, i);
                for (int ch = 0; ch < 3; ch++) {
                  sums[label][ch] += mean[ch];
                }
                counts[label]++;
                if (label == 2) {
                  // Rescaled white stays white: augmentation with nearest fill adds no dark pixel.
                  for (double v : mean) {
                    assertThat(v).isGreaterThan(0.97);
                  }
                }
              }
              seen += batch.size();
            }
          }
          InputStats input = meter.stop();
          assertThat(seen).isEqualTo(train.sampleCount());
          double accuracy = evaluate(validation, sums, counts);
          Map<String, Double> logs = new LinkedHashMap<>();
          logs.put("loss", 1.0 / (epoch + 1));
          logs.put("accuracy", (double) seen / train.sampleCount());
          logs.put("val_accuracy", accuracy);
          input.addTo(logs);
          history.record(logs);
          tensorBoard.write(epoch, logs);
          assertThat(EpochLine.format(epoch, epochs, logs, input.seconds()))
              .startsWith("epoch  " + (epoch + 1) + "/2")
              .contains("val_accuracy 1.000", "images/s", "input stall");
        }
      }
      Path chart = dir.resolve("history.png");
      HistoryChart.write(history, chart);
      BufferedImage png = ImageIO.read(chart.toFile());
      assertThat(png.getWidth()).isEqualTo(2 * HistoryChart.PANEL_WIDTH);

      List<Event> trainEvents = read(tensorBoard.trainFile());
      List<Event> validationEvents = read(tensorBoard.validationFile());
      assertThat(trainEvents.getFirst().getFileVersion()).isEqualTo("brain.Event:2");
      assertThat(trainEvents.subList(1, trainEvents.size()))
          .extracting(e -> e.getStep() + " " + e.getSummary().getValue(0).getTag())
          .contains("0 epoch_loss", "1 epoch_accuracy", "1 images_per_second", "0 input_stall");
      assertThat(validationEvents.subList(1, validationEvents.size()))
          .extracting(
              e ->
                  e.getStep()
                      + " "
                      + e.getSummary().getValue(0).getTag()
                      + " "
                      + e.getSummary().getValue(0).getSimpleValue())
          .containsExactly("0 epoch_accuracy 1.0", "1 epoch_accuracy 1.0");
    }
    assertThat(history.epochs()).isEqualTo(2);
  }

  /** Each file's part by the split's own rule, from the file list on disk. */
  private static Map<Subset, Integer> expectedSplit(Path root, SplitFractions split)
      throws Exception {
    Map<Subset, Integer> counts = new LinkedHashMap<>();
    for (Subset s : Subset.values()) {
      counts.put(s, 0);
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(f).toString().replace('\\', '/');
        counts.merge(split.subsetOf(relative), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static Set<String> files(ImageDataset dataset) {
    Set<String> files = new HashSet<>();
    for (long id = 0; id < dataset.sampleCount(); id++) {
      files.add(dataset.file(id).orElseThrow());
    }
    return files;
  }

  private static int oneHot(TFloat32 targets, int row) {
    int hot = -1;
    for (int c = 0; c < 3; c++) {
      float v = targets.getFloat(row, c);
      assertThat(v).isIn(0f, 1f);
      if (v == 1f) {
        assertThat(hot).as("one 1 per row").isEqualTo(-1);
        hot = c;
      }
    }
    assertThat(hot).as("row %d has a 1", row).isNotNegative();
    return hot;
  }

  private static double[] meanColour(TFloat32 images, int index) {
    double[] sum = new double[3];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        for (int c = 0; c < 3; c++) {
          float v = images.getFloat(index, y, x, c);
          assertThat(v).as("pixel range after rescale").isBetween(0f, 1f);
          sum[c] += v;
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      sum[c] /= SIZE * SIZE;
    }
    return sum;
  }

  private static double evaluate(ImageDataset validation, double[][] sums, long[] counts) {
    long right = 0;
    long total = 0;
    try (Pipeline pipeline = validation.open(0)) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next();
            TensorBatch tensors = validation.tensors(batch)) {
          TFloat32 images = tensors.images(TFloat32.class);
          for (int i = 0; i < batch.size(); i++) {
            double[] mean = meanColour(images, i);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
              double d = 0;
              for (int ch = 0; ch < 3; ch++) {
                double centre = sums[c][ch] / Math.max(1, counts[c]);
                d += (mean[ch] - centre) * (mean[ch] - centre);
              }
              if (d < bestDistance) {
                bestDistance = d;
                best = c;
              }
            }
            right += best == batch.label(i) ? 1 : 0;
            total++;
          }
        }
      }
    }
    return (double) right / total;
  }

  private static List<Event> read(Path file) throws Exception {
    List<Event> events = new ArrayList<>();
    try (TfRecordReader reader = TfRecordReader.open(file, TfRecordReaderOptions.defaults())) {
      while (reader.next()) {
        events.add(Event.parseFrom(reader.record().toArray(ValueLayout.JAVA_BYTE)));
      }
    }
    return events;
  }
}

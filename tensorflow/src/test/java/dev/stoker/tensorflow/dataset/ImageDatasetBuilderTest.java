package dev.stoker.tensorflow.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.io.source.Subset;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.LabelMode;
import dev.stoker.tensorflow.TensorBatch;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.types.TFloat32;

class ImageDatasetBuilderTest {
  private static final String[] TWO = {"no", "yes"};
  private static final Color[] TWO_COLORS = {Color.BLACK, Color.WHITE};

  @Test
  void validationSplitPartsAreDisjointCoverEverythingAndRepeat(@TempDir Path dir) throws Exception {
    ClassFolders.write(dir, 30, TWO, TWO_COLORS);
    Set<String> train;
    Set<String> validation;
    try (ImageDatasetSplits both =
        ImageDataset.fromDirectory(dir.toString()).validationSplit(0.25).seed(9).buildSplits()) {
      assertThat(both.test()).isNull();
      train = files(both.training());
      validation = files(both.validation());
    }
    assertThat(train).doesNotContainAnyElementsOf(validation);
    assertThat(train.size() + validation.size()).isEqualTo(60);
    assertThat(validation).isNotEmpty();
    try (ImageDataset again =
        ImageDataset.fromDirectory(dir.toString())
            .validationSplit(0.25)
            .seed(9)
            .subset(Subset.VALIDATION)
            .build()) {
      assertThat(files(again)).isEqualTo(validation);
    }
  }

  @Test
  void binaryLabelsAreFloatColumnsAndIntLabelsAreTheLabels(@TempDir Path dir) throws Exception {
    ClassFolders.write(dir, 6, TWO, TWO_COLORS);
    try (ImageDataset data =
        ImageDataset.fromDirectory(dir.toString())
            .labelMode(LabelMode.BINARY)
            .imageSize(8, 8)
            .batchSize(5)
            .build()) {
      forEachBatch(
          data,
          (batch, tensors) -> {
            TFloat32 targets = (TFloat32) tensors.targets();
            assertThat(targets.shape().asArray()).containsExactly(batch.size(), 1);
            for (int i = 0; i < batch.size(); i++) {
              assertThat(targets.getFloat(i, 0)).isEqualTo((float) batch.label(i));
            }
          });
    }
    try (ImageDataset data =
        ImageDataset.fromDirectory(dir.toString()).imageSize(8, 8).batchSize(4).build()) {
      forEachBatch(
          data, (batch, tensors) -> assertThat(tensors.targets()).isSameAs(tensors.labels()));
    }
  }

  @Test
  void classNamesReorderTheLabels(@TempDir Path dir) throws Exception {
    ClassFolders.write(
        dir, 4, new String[] {"a", "b", "c"}, new Color[] {Color.RED, Color.GREEN, Color.BLUE});
    try (ImageDataset data =
        ImageDataset.fromDirectory(dir.toString())
            .classNames(List.of("c", "a", "b"))
            .imageSize(8, 8)
            .build()) {
      assertThat(data.classNames()).containsExactly("c", "a", "b");
      Map<String, Long> labelOfFolder = new HashMap<>();
      forEachBatch(
          data,
          (batch, tensors) -> {
            for (int i = 0; i < batch.size(); i++) {
              String file = folderFile(data, batch.sampleId(i));
              labelOfFolder.merge(
                  Path.of(file).getParent().getFileName().toString(),
                  batch.label(i),
                  (x, y) -> {
                    assertThat(x).isEqualTo(y);
                    return x;
                  });
            }
          });
      assertThat(labelOfFolder)
          .containsExactlyInAnyOrderEntriesOf(Map.of("c", 0L, "a", 1L, "b", 2L));
    }
  }

  @Test
  void givenLabelsFollowTheSortedFileOrderAcrossASplit(@TempDir Path dir) throws Exception {
    ClassFolders.write(dir, 10, TWO, TWO_COLORS);
    // Sorted paths: no/no-000 … no/no-009, yes/yes-000 … yes/yes-009; label = index % 3.
    List<Integer> given = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      given.add(i % 3);
    }
    try (ImageDataset data =
        ImageDataset.fromDirectory(dir.toString())
            .labels(given)
            .validationSplit(0.5)
            .seed(1)
            .subset(Subset.TRAIN)
            .imageSize(8, 8)
            .build()) {
      assertThat(data.classNames()).containsExactly("0", "1", "2");
      forEachBatch(
          data,
          (batch, tensors) -> {
            for (int i = 0; i < batch.size(); i++) {
              String name = Path.of(folderFile(data, batch.sampleId(i))).getFileName().toString();
              int n = Integer.parseInt(name.substring(name.indexOf('-') + 1, name.indexOf('.')));
              int index = (name.startsWith("yes") ? 10 : 0) + n;
              assertThat(batch.label(i)).as(name).isEqualTo(index % 3);
            }
          });
    }
  }

  @Test
  void theTrainValTestLayoutAndGrayscale(@TempDir Path dir) throws Exception {
    ClassFolders.write(dir.resolve("train"), 5, TWO, TWO_COLORS);
    ClassFolders.write(dir.resolve("val"), 2, TWO, TWO_COLORS);
    ClassFolders.write(dir.resolve("test"), 3, TWO, TWO_COLORS);
    try (ImageDatasetSplits parts =
        ImageDataset.fromDirectory(dir.toString())
            .colorMode("grayscale")
            .imageSize(8, 8)
            .buildSplits()) {
      assertThat(parts.training().sampleCount()).isEqualTo(10);
      assertThat(parts.validation().sampleCount()).isEqualTo(4);
      assertThat(parts.test()).isNotNull();
      assertThat(parts.test().sampleCount()).isEqualTo(6);
      forEachBatch(
          parts.test(),
          (batch, tensors) ->
              assertThat(tensors.images().shape().asArray())
                  .containsExactly(batch.size(), 8, 8, 1));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "interpolation|interpolation=bicubic (expected: bilinear, nearest or area",
        "color|color_mode=rgba (expected: rgb or grayscale; rgba is not supported",
        "pad|pad_to_aspect_ratio=true (expected: false with crop_to_aspect_ratio=true",
        "links|follow_links=false (expected: not supported for tfrecord files",
        "batch|batch_size=0 (expected: > 0; None (unbatched) is not supported",
        "tfrecordSplit|validation_split=0.2 (expected: not supported for tfrecord files",
        "parquetLabels|labels=a list (expected: not supported for parquet files",
        "format|data_format=nhwc (expected: channels_last or channels_first)",
      })
  void unsupportedKerasArgumentsAreRefusedByName(String argument, String message) {
    ImageDatasetBuilder folder = ImageDataset.fromDirectory("/nowhere");
    Runnable call =
        switch (argument) {
          case "interpolation" -> () -> folder.interpolation("bicubic");
          case "color" -> () -> folder.colorMode("rgba");
          case "pad" ->
              () -> {
                try {
                  folder.padToAspectRatio(true).cropToAspectRatio(true).build();
                } catch (java.io.IOException e) {
                  throw new AssertionError(e);
                }
              };
          case "links" ->
              () -> ImageDataset.fromTfRecords(List.of("/x/*.tfrecord")).followLinks(false);
          case "batch" -> () -> folder.batchSize(0);
          case "tfrecordSplit" ->
              () -> ImageDataset.fromTfRecords(List.of("/x/*.tfrecord")).validationSplit(0.2);
          case "parquetLabels" ->
              () -> ImageDataset.fromParquet(List.of("/x.parquet")).labels(List.of(0));
          case "format" -> () -> folder.dataFormat("nhwc");
          default -> throw new IllegalArgumentException(argument);
        };
    assertThatThrownBy(call::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void withoutShuffleEveryEpochReadsTheFilesInKerasOrder(@TempDir Path dir) throws Exception {
    ClassFolders.write(
        dir, 7, new String[] {"b", "a", "c"}, new Color[] {Color.RED, Color.GREEN, Color.BLUE});
    List<String> kerasOrder = new ArrayList<>(); // classes alphanumeric, then the sorted files
    for (String c : new String[] {"a", "b", "c"}) {
      for (int i = 0; i < 7; i++) {
        kerasOrder.add(c + "/" + c + "-00" + i + ".jpg:" + (c.charAt(0) - 'a'));
      }
    }
    try (ImageDataset data =
        ImageDataset.fromDirectory(dir.toString())
            .shuffle(false)
            .seed(5)
            .imageSize(8, 8)
            .batchSize(4)
            .build()) {
      for (long epoch = 0; epoch < 2; epoch++) {
        List<String> seen = new ArrayList<>();
        try (Pipeline pipeline = data.open(epoch)) {
          while (pipeline.hasNext()) {
            try (Batch batch = pipeline.next()) {
              for (int i = 0; i < batch.size(); i++) {
                String file =
                    dir.relativize(Path.of(folderFile(data, batch.sampleId(i)))).toString();
                seen.add(file + ":" + batch.label(i));
              }
            }
          }
        }
        assertThat(seen).as("epoch %d", epoch).isEqualTo(kerasOrder);
      }
    }
    try (ImageDataset shuffled =
        ImageDataset.fromDirectory(dir.toString()).seed(5).imageSize(8, 8).batchSize(4).build()) {
      List<Long> ids = new ArrayList<>();
      try (Pipeline pipeline = shuffled.open(0)) {
        while (pipeline.hasNext()) {
          try (Batch batch = pipeline.next()) {
            for (int i = 0; i < batch.size(); i++) {
              ids.add(batch.sampleId(i));
            }
          }
        }
      }
      assertThat(ids).hasSize(21).isNotEqualTo(ids.stream().sorted().toList());
    }
  }

  @Test
  void linkedSubFoldersAreLeftOutUnlessFollowLinksAsKerasDefaults(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    ClassFolders.write(data, 2, TWO, TWO_COLORS);
    ClassFolders.write(dir.resolve("more"), 3, new String[] {"extra"}, new Color[] {Color.WHITE});
    java.nio.file.Files.createSymbolicLink(data.resolve("yes/linked"), dir.resolve("more/extra"));
    try (ImageDataset keras = ImageDataset.fromDirectory(data.toString()).build();
        ImageDataset following =
            ImageDataset.fromDirectory(data.toString()).followLinks(true).build()) {
      assertThat(keras.sampleCount()).isEqualTo(4);
      assertThat(following.sampleCount()).isEqualTo(7);
      assertThat(following.classNames()).containsExactly("no", "yes");
      assertThat(files(following)).containsAll(files(keras));
    }
  }

  @Test
  void padToAspectRatioLeavesBlackBandsWhereKerasPads(@TempDir Path dir) throws Exception {
    // 24..30 × 18..22 white images into 16 × 16: Keras pads rows above and below, so the top and
    // bottom rows are black and the middle row is the image.
    ClassFolders.write(dir, 7, new String[] {"white"}, new Color[] {Color.WHITE});
    for (boolean pad : new boolean[] {true, false}) {
      try (ImageDataset data =
          ImageDataset.fromDirectory(dir.toString())
              .padToAspectRatio(pad)
              .imageSize(16, 16)
              .batchSize(7)
              .build()) {
        forEachBatch(
            data,
            (batch, tensors) -> {
              TFloat32 images = tensors.images(TFloat32.class);
              for (int i = 0; i < batch.size(); i++) {
                for (int x = 0; x < 16; x++) {
                  for (int c = 0; c < 3; c++) {
                    float top = images.getFloat(i, 0, x, c);
                    float bottom = images.getFloat(i, 15, x, c);
                    assertThat(images.getFloat(i, 8, x, c)).isGreaterThan(240f);
                    if (pad) {
                      assertThat(top).isEqualTo(0f);
                      assertThat(bottom).isEqualTo(0f);
                    } else {
                      assertThat(top).isGreaterThan(240f);
                      assertThat(bottom).isGreaterThan(240f);
                    }
                  }
                }
              }
            });
      }
    }
  }

  @Test
  void validationSplitWithoutSeedOrSubsetIsRefused(@TempDir Path dir) throws Exception {
    ClassFolders.write(dir, 3, TWO, TWO_COLORS);
    assertThatThrownBy(
            () -> ImageDataset.fromDirectory(dir.toString()).validationSplit(0.2).buildSplits())
        .hasMessageContaining("seed=None (expected: a seed with validation_split");
    assertThatThrownBy(
            () -> ImageDataset.fromDirectory(dir.toString()).validationSplit(0.2).seed(1).build())
        .hasMessageContaining("subset=null (expected: TRAIN or VALIDATION");
    Path three = dir.resolve("three");
    ClassFolders.write(
        three, 2, new String[] {"a", "b", "c"}, new Color[] {Color.RED, Color.GREEN, Color.BLUE});
    assertThatThrownBy(
            () -> ImageDataset.fromDirectory(three.toString()).labelMode(LabelMode.BINARY).build())
        .hasMessageContaining("label_mode=binary (expected: exactly 2 classes, found 3");
  }

  private static String folderFile(ImageDataset data, long id) {
    return data.file(id).orElseThrow();
  }

  private static Set<String> files(ImageDataset data) {
    Set<String> files = new HashSet<>();
    for (long id = 0; id < data.sampleCount(); id++) {
      files.add(data.file(id).orElseThrow());
    }
    return files;
  }

  private interface BatchCheck {
    void check(Batch batch, TensorBatch tensors);
  }

  private static void forEachBatch(ImageDataset data, BatchCheck check) {
    long seen = 0;
    try (Pipeline pipeline = data.open(0)) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next();
            TensorBatch tensors = data.tensors(batch)) {
          check.check(batch, tensors);
          seen += batch.size();
        }
      }
    }
    assertThat(seen).isEqualTo(data.sampleCount());
  }
}

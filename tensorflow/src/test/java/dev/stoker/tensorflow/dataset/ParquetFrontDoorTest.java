package dev.stoker.tensorflow.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.testing.Json;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.LabelMode;
import dev.stoker.tensorflow.TensorBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat32;

/**
 * The Parquet front door over the repository's Hugging Face files ({@code testdata/parquet},
 * written by DuckDB; see {@code testdata/manifest.json}): class names from the file's metadata,
 * counts, one-hot targets, and pixels equal to the same JPEGs read through the folder front door.
 */
class ParquetFrontDoorTest {
  private static final Path TESTDATA =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));
  private static final int SIZE = 12;

  /** What the manifest says of the Parquet files: label names and each row's image and label. */
  private record Rows(List<String> labelNames, List<String> images, List<Integer> labels) {}

  @SuppressWarnings("unchecked")
  private static Rows manifest() throws Exception {
    Map<String, Object> root =
        (Map<String, Object>) Json.parse(Files.readString(TESTDATA.resolve("manifest.json")));
    Map<String, Object> parquet = (Map<String, Object>) root.get("parquet");
    List<String> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Map<String, Object> row : (List<Map<String, Object>>) parquet.get("source_images")) {
      assertThat(((Number) row.get("row")).intValue()).isEqualTo(images.size());
      images.add((String) row.get("path"));
      labels.add(((Number) row.get("label")).intValue());
    }
    return new Rows((List<String>) parquet.get("label_names"), images, labels);
  }

  /** Reads one epoch: each sample's pixels under the key {@code keyOf(sampleId)}. */
  private static Map<String, float[]> pixels(
      ImageDataset data, long epoch, LongFunction<String> keyOf, List<Long> idsSeen, Rows rows) {
    Map<String, float[]> out = new HashMap<>();
    int classes = data.classNames().size();
    try (Pipeline pipeline = data.open(epoch)) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next();
            TensorBatch tensors = data.tensors(batch)) {
          TFloat32 images = tensors.images(TFloat32.class);
          TFloat32 targets = (TFloat32) tensors.targets();
          assertThat(targets.shape().asArray()).containsExactly(batch.size(), classes);
          for (int i = 0; i < batch.size(); i++) {
            long id = batch.sampleId(i);
            String key = keyOf.apply(id);
            int label = rows.labels().get(rows.images().indexOf(key));
            assertThat(batch.label(i)).as(key).isEqualTo(label);
            for (int c = 0; c < classes; c++) {
              assertThat(targets.getFloat(i, c))
                  .as("%s class %d", key, c)
                  .isEqualTo(c == label ? 1f : 0f);
            }
            float[] px = new float[SIZE * SIZE * 3];
            int k = 0;
            for (int y = 0; y < SIZE; y++) {
              for (int x = 0; x < SIZE; x++) {
                for (int ch = 0; ch < 3; ch++) {
                  px[k++] = images.getFloat(i, y, x, ch);
                }
              }
            }
            assertThat(out.put(key, px)).as("%s twice", key).isNull();
            idsSeen.add(id);
          }
        }
      }
    }
    return out;
  }

  @Test
  void hfParquetGivesTheManifestsClassesLabelsAndTheFolderFrontDoorsPixels(@TempDir Path dir)
      throws Exception {
    Rows rows = manifest();
    // The same JPEG bytes as class folders named by the labels.
    for (int r = 0; r < rows.images().size(); r++) {
      Path classDir =
          Files.createDirectories(dir.resolve(rows.labelNames().get(rows.labels().get(r))));
      Files.copy(
          TESTDATA.resolve("images").resolve(rows.images().get(r)),
          classDir.resolve(rows.images().get(r)));
    }
    String file = TESTDATA.resolve("parquet/hf-images.snappy.parquet").toString(); // 4 row groups
    Map<String, float[]> fromParquet;
    Map<String, float[]> fromFolder;
    try (ImageDataset parquet =
            ImageDataset.fromParquet(List.of(file))
                .labelMode(LabelMode.CATEGORICAL)
                .imageSize(SIZE, SIZE)
                .batchSize(7)
                .shuffle(false)
                .build();
        ImageDataset folder =
            ImageDataset.fromDirectory(dir.toString())
                .classNames(rows.labelNames())
                .labelMode(LabelMode.CATEGORICAL)
                .imageSize(SIZE, SIZE)
                .batchSize(5)
                .build()) {
      assertThat(parquet.classNames()).isEqualTo(rows.labelNames());
      assertThat(parquet.sampleCount()).isEqualTo(rows.images().size());
      assertThat(parquet.batchesPerEpoch()).isEqualTo((rows.images().size() + 6) / 7);
      assertThat(parquet.file(0)).isEmpty();
      List<Long> inOrder = new ArrayList<>();
      fromParquet = pixels(parquet, 0, id -> rows.images().get((int) id), inOrder, rows);
      // shuffle=false: the rows in file order, row group after row group
      assertThat(inOrder).isEqualTo(java.util.stream.LongStream.range(0, 40).boxed().toList());
      List<Long> nextEpoch = new ArrayList<>();
      assertThat(pixels(parquet, 1, id -> rows.images().get((int) id), nextEpoch, rows))
          .containsOnlyKeys(fromParquet.keySet());
      assertThat(nextEpoch).isEqualTo(inOrder);

      assertThat(folder.classNames()).isEqualTo(rows.labelNames());
      fromFolder =
          pixels(
              folder,
              0,
              id -> Path.of(folder.file(id).orElseThrow()).getFileName().toString(),
              new ArrayList<>(),
              rows);
    }
    assertThat(fromFolder).hasSize(40).containsOnlyKeys(fromParquet.keySet());
    assertThat(fromParquet.values()) // real pixels, not an all-zero tensor
        .anyMatch(px -> java.util.Arrays.stream(toDoubles(px)).max().orElse(0) > 100);
    for (String image : rows.images()) {
      assertThat(fromParquet.get(image)).as(image).isEqualTo(fromFolder.get(image));
    }
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}

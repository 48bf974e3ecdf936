package dev.stoker.tensorflow.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.testing.Json;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.TensorBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * The front door against Keras itself: {@code testdata/keras} holds PNG class folders and what
 * Keras 3's {@code image_dataset_from_directory(..., pad_to_aspect_ratio=True, shuffle=False)}
 * returned for them (written by {@code testdata/generate.py}; see {@code keras_front_door} in the
 * manifest). The same arguments here give the same file order, labels and pixels.
 */
class KerasReferenceTest {
  private static final Path TESTDATA =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));

  @Test
  @SuppressWarnings("unchecked")
  void unshuffledPaddedDatasetEqualsKeras() throws Exception {
    Map<String, Object> manifest =
        (Map<String, Object>) Json.parse(Files.readString(TESTDATA.resolve("manifest.json")));
    Map<String, Object> keras = (Map<String, Object>) manifest.get("keras_front_door");
    List<Number> size = (List<Number>) keras.get("image_size_hw");
    int h = size.get(0).intValue();
    int w = size.get(1).intValue();
    List<String> files = (List<String>) keras.get("files");
    List<Number> labels = (List<Number>) keras.get("labels");
    Map<String, Object> pixels = (Map<String, Object>) keras.get("pixels");
    byte[] raw = Files.readAllBytes(TESTDATA.resolve((String) pixels.get("file")));
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
        .isEqualTo(pixels.get("sha256"));
    ByteBuffer expected = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(raw.length).isEqualTo(files.size() * h * w * 3 * 4);

    Path root = TESTDATA.resolve("keras/images");
    List<String> seenFiles = new ArrayList<>();
    List<Long> seenLabels = new ArrayList<>();
    int compared = 0;
    int padding = 0;
    try (ImageDataset data =
            ImageDataset.fromDirectory(root.toString())
                .imageSize(h, w)
                .padToAspectRatio(true)
                .shuffle(false)
                .batchSize(3)
                .build();
        Pipeline pipeline = data.open(0)) {
      assertThat(data.classNames()).isEqualTo(keras.get("class_names"));
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next();
            TensorBatch tensors = data.tensors(batch)) {
          TFloat32 images = tensors.images(TFloat32.class);
          for (int i = 0; i < batch.size(); i++) {
            int image = seenFiles.size();
            seenFiles.add(
                root.relativize(Path.of(data.file(batch.sampleId(i)).orElseThrow())).toString());
            seenLabels.add(batch.label(i));
            for (int y = 0; y < h; y++) {
              for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                  float want = expected.getFloat(4 * (((image * h + y) * w + x) * 3 + c));
                  assertThat(images.getFloat(i, y, x, c))
                      .as("%s (%d, %d, %d)", seenFiles.getLast(), x, y, c)
                      .isCloseTo(want, Offset.offset(1e-3f));
                  compared++;
                  padding += want == 0 ? 1 : 0;
                }
              }
            }
          }
        }
      }
    }
    assertThat(seenFiles).isEqualTo(files);
    assertThat(seenLabels).isEqualTo(labels.stream().map(Number::longValue).toList());
    assertThat(compared).isEqualTo(raw.length / 4);
    assertThat(padding).as("padded values").isBetween(compared / 10, compared * 9 / 10);
  }
}

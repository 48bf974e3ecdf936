package dev.stoker.tensorflow.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stoker.augment.KerasAugmentation;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.LabelMode;
import dev.stoker.tensorflow.TensorBatch;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.types.TFloat32;

/** The front door over TFRecord shards of tf.train.Examples, as tfrecord-convert writes them. */
class TfRecordFrontDoorTest {
  @ParameterizedTest
  @EnumSource(TfRecordOptions.Counting.class)
  void shardsGiveBinaryTargetsAndRescaledPixels(
      TfRecordOptions.Counting counting, @TempDir Path dir) throws Exception {
    byte[] black = jpeg(Color.BLACK);
    byte[] white = jpeg(Color.WHITE);
    for (int shard = 0; shard < 2; shard++) {
      try (TfRecordWriter writer =
          TfRecordWriter.open(
              dir.resolve("data-" + shard + ".tfrecord"), TfRecordWriterOptions.defaults())) {
        for (int i = 0; i < 6; i++) {
          int label = (shard + i) % 2;
          writer.write(
              new ExampleWriter()
                  .putBytes("image/encoded", label == 1 ? white : black)
                  .putInt64s("image/class/label", label)
                  .toByteArray());
        }
      }
    }
    try (ImageDataset data =
        ImageDataset.fromTfRecords(List.of(dir.resolve("data-*.tfrecord").toString()))
            .classNames(List.of("night", "day"))
            .labelMode(LabelMode.BINARY)
            .imageSize(8, 8)
            .batchSize(5)
            .augmentation(KerasAugmentation.builder().rescale(1f / 255).build())
            .counting(counting)
            .build()) {
      assertThat(data.sampleCount())
          .isEqualTo(counting == TfRecordOptions.Counting.UP_FRONT ? 12 : -1);
      assertThat(data.classNames()).containsExactly("night", "day");
      assertThat(data.file(0)).isEmpty();
      int seen = 0;
      int day = 0;
      try (Pipeline pipeline = data.open(1)) {
        while (pipeline.hasNext()) {
          try (Batch batch = pipeline.next();
              TensorBatch tensors = data.tensors(batch)) {
            TFloat32 targets = (TFloat32) tensors.targets();
            TFloat32 images = tensors.images(TFloat32.class);
            for (int i = 0; i < batch.size(); i++) {
              float target = targets.getFloat(i, 0);
              assertThat(target).isEqualTo((float) batch.label(i));
              float pixel = images.getFloat(i, 4, 4, 1);
              assertThat(pixel).isCloseTo(target, within(0.02f));
              day += (int) target;
            }
            seen += batch.size();
          }
        }
      }
      assertThat(seen).isEqualTo(12);
      assertThat(day).isEqualTo(6);
    }
  }

  @Test
  void countingIsATfRecordSetting() {
    assertThatThrownBy(
            () -> ImageDataset.fromDirectory("/data").counting(TfRecordOptions.Counting.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "counting=NONE (expected: not supported for directory files: only TFRecord shards are"
                + " counted)");
  }

  private static byte[] jpeg(Color color) throws Exception {
    BufferedImage image = new BufferedImage(20, 12, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 20, 12);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }
}

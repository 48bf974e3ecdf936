package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End to end against TensorFlow: the pipeline over {@code images.tfrecord} (parse, decode, bilinear
 * resize to 32×32 with half-pixel centres, float32, batches of 8) must produce, for every record,
 * exactly the values tf.data produced, as stored in {@code tfdata-reference/}.
 */
class TfDataReferenceTest {
  private static final Path SHARED =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));
  private static final int SIDE = 32;
  private static final int IMAGE_BYTES = SIDE * SIDE * 3 * 4;

  @Test
  void everyImageEqualsTfDataOutputToTheBit() throws Exception {
    Path referenceFile = SHARED.resolve("tfdata-reference/images-32x32x3-f32le.bin");
    byte[] reference = Files.readAllBytes(referenceFile);
    assertThat(sha256(reference)).isEqualTo(manifestValue("file_sha256"));
    List<String> labelLines = Files.readAllLines(SHARED.resolve("tfdata-reference/labels.csv"));
    Augmentation resize = Augmentation.builder().add(new Resize(SIDE, SIDE)).build();
    Set<Long> seen = new HashSet<>();
    try (TfRecordSource source =
            TfRecordSource.open(
                TfRecordOptions.builder(
                        List.of(SHARED.resolve("tfrecord/images.tfrecord").toString()))
                    .build());
        Pipeline pipeline =
            Pipeline.open(
                PipelineOptions.builder()
                    .name("tfdata-reference")
                    .source(source)
                    .processor(ImageSampleProcessor.factory(resize, DecodeOptions.defaults()))
                    .imageSize(SIDE, SIDE)
                    .elementType(ElementType.FLOAT32)
                    .batchSize(8)
                    .workers(2)
                    .seed(7)
                    .build())) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next()) {
          for (int i = 0; i < batch.size(); i++) {
            long id = batch.sampleId(i);
            assertThat(seen.add(id)).as("record %d delivered twice", id).isTrue();
            byte[] ours =
                batch
                    .images()
                    .asSlice((long) i * IMAGE_BYTES, IMAGE_BYTES)
                    .toArray(ValueLayout.JAVA_BYTE);
            assertImageEquals(ours, reference, (int) id);
            assertThat(batch.label(i)).isEqualTo(labelOf(labelLines, (int) id));
          }
        }
      }
      assertThat(pipeline.metrics().skipped()).isZero();
    }
    assertThat(seen).hasSize(40);
  }

  @Test
  void steadyStateAllocatesNoFurtherOffHeapMemory() throws Exception {
    Augmentation crop =
        Augmentation.builder()
            .add(dev.stoker.augment.RandomResizedCrop.of(SIDE))
            .add(new dev.stoker.augment.HorizontalFlip(0.5))
            .build();
    try (TfRecordSource source =
            TfRecordSource.open(
                TfRecordOptions.builder(
                        List.of(SHARED.resolve("tfrecord/images.tfrecord").toString()))
                    .build());
        Pipeline pipeline =
            Pipeline.open(
                PipelineOptions.builder()
                    .name("steady-state")
                    .source(source)
                    .processor(ImageSampleProcessor.factory(crop, DecodeOptions.defaults()))
                    .imageSize(SIDE, SIDE)
                    .elementType(ElementType.FLOAT32)
                    .batchSize(8)
                    .workers(2)
                    .prefetchBatches(2) // fixed: under AUTO a deeper prefetch is a new slab
                    .epochs(6)
                    .build())) {
      long[] usedAfterEpoch = new long[6];
      long[] peakAfterEpoch = new long[6];
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next()) {
          usedAfterEpoch[(int) batch.epoch()] = pipeline.metrics().memoryUsed();
          peakAfterEpoch[(int) batch.epoch()] = pipeline.metrics().memoryPeak();
        }
      }
      // Every image was seen in epoch 0, so the scratch buffers have reached their size: from
      // epoch 1 on nothing more is allocated, so the peak stays where it was. What is in use at a
      // given batch may be one read buffer less than the peak: the reader closes each epoch's
      // stream, and its buffer, before it opens the next one, whenever the consumer looks.
      for (int e = 2; e < 6; e++) {
        assertThat(peakAfterEpoch[e])
            .as("off-heap peak after epoch %d", e)
            .isEqualTo(peakAfterEpoch[1]);
        assertThat(usedAfterEpoch[e])
            .as("off-heap in use after epoch %d", e)
            .isLessThanOrEqualTo(peakAfterEpoch[1]);
      }
      assertThat(peakAfterEpoch[5]).isLessThanOrEqualTo(pipeline.options().memoryLimit());
    }
  }

  private static void assertImageEquals(byte[] ours, byte[] reference, int record) {
    ByteBuffer a = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer b =
        ByteBuffer.wrap(reference, record * IMAGE_BYTES, IMAGE_BYTES)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < IMAGE_BYTES / 4; k++) {
      float got = a.getFloat(k * 4);
      float want = b.getFloat(k * 4);
      if (got != want) {
        throw new AssertionError(
            "record "
                + record
                + " value "
                + k
                + " (y="
                + k / (SIDE * 3)
                + ", x="
                + k / 3 % SIDE
                + ", c="
                + k % 3
                + "): "
                + got
                + " != tf.data "
                + want);
      }
    }
  }

  private static long labelOf(List<String> lines, int record) {
    // labels.csv: a header, then one line per record in record order; the label is a column.
    String[] header = lines.getFirst().split(",", -1);
    int column = List.of(header).indexOf("label");
    return Long.parseLong(lines.get(record + 1).split(",", -1)[column].trim());
  }

  private static String manifestValue(String key) throws IOException {
    String manifest = Files.readString(SHARED.resolve("manifest.json"));
    int at = manifest.indexOf("\"tfdata_reference\"");
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([0-9a-f]+)\"").matcher(manifest);
    assertThat(m.find(at)).isTrue();
    return m.group(1);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

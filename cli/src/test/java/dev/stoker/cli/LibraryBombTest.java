package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.error.ErrorPolicy;
import dev.stoker.core.error.SampleError;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.Source;
import dev.stoker.io.source.ParquetOptions;
import dev.stoker.io.source.ParquetSource;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineException;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decompression bomb of {@link DecompressionBombTest} (a small JPEG whose frame header claims
 * 65500×65500, 12.9 GB of RGB) read through the library's own entry points, a {@link
 * TfRecordSource} and a {@link ParquetSource} (an {@code image} struct holding the bomb) feeding a
 * {@link Pipeline}: fail-fast stops with one error naming the file and the reason once, skip counts
 * it and goes on, and the pipeline's budget, which holds every off-heap byte it uses, never came
 * near the claimed size.
 */
class LibraryBombTest {
  /** The budget's peak must stay far below the 12.9 GB the header claims. */
  private static final long MAX_PEAK_BYTES = 64L << 20;

  private static final MessageType HF =
      MessageTypeParser.parseMessageType(
          "message hf { optional group image { optional binary bytes; optional binary path"
              + " (STRING); } optional int64 label; }");

  @TempDir Path tmp;
  private byte[] good;
  private byte[] bomb;

  @BeforeEach
  void makeTheBomb() throws IOException {
    good = Fixtures.jpeg(Fixtures.image(64, 48, 3), false);
    bomb = DecompressionBombTest.withFrameSize(good, 65500, 65500);
  }

  private Path tfRecordShard() throws IOException {
    Path shard = tmp.resolve("bomb.tfrecord");
    try (TfRecordWriter writer = TfRecordWriter.open(shard, TfRecordWriterOptions.defaults())) {
      for (byte[] image : List.of(good, bomb, good, good)) {
        writer.write(
            new ExampleWriter()
                .putBytes("image/encoded", image)
                .putBytes("image/format", "JPEG".getBytes(StandardCharsets.US_ASCII))
                .putInt64s("image/class/label", 0)
                .toByteArray());
      }
    }
    return shard;
  }

  private Path parquetShard() throws IOException {
    Path file = tmp.resolve("bomb.parquet");
    SimpleGroupFactory rows = new SimpleGroupFactory(HF);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(HF).build()) {
      int r = 0;
      for (byte[] image : List.of(good, bomb, good, good)) {
        Group row = rows.newGroup();
        Group cell = row.addGroup("image");
        cell.add("bytes", Binary.fromConstantByteArray(image));
        cell.add("path", "img-" + r++ + ".jpg");
        row.add("label", 1L);
        w.write(row);
      }
    }
    return file;
  }

  private static PipelineOptions.Builder pipeline(Source source, ErrorPolicy policy) {
    Augmentation resize = Augmentation.builder().add(new Resize(32, 32)).build();
    return PipelineOptions.builder()
        .name("bomb")
        .source(source)
        .processor(ImageSampleProcessor.factory(resize, DecodeOptions.defaults()))
        .imageSize(32, 32)
        .batchSize(2)
        .workers(1)
        .errorPolicy(policy)
        .ordering(dev.stoker.pipeline.Ordering.DETERMINISTIC);
  }

  /** Fail-fast: the run stops with the bomb's file and the reason, named once. */
  private static void assertStopsAtTheBomb(Source source, String file) {
    try (Pipeline pipeline = Pipeline.open(pipeline(source, ErrorPolicy.FAIL_FAST).build())) {
      assertThatThrownBy(
              () -> {
                while (pipeline.hasNext()) {
                  pipeline.next().close();
                }
              })
          .isInstanceOf(PipelineException.class)
          .satisfies(
              e -> {
                String message = e.getMessage();
                assertThat(message).contains(file, "too_large", "65500");
                assertThat(message.split("too_large", -1)).as(message).hasSize(2);
                assertThat(message).doesNotContain("OutOfMemoryError", "cannot allocate");
              });
      assertThat(pipeline.metrics().memoryPeak()).isLessThan(MAX_PEAK_BYTES);
    }
  }

  /** Skip: the bomb is counted and reported once, the other three samples are delivered. */
  private static void assertSkipsTheBomb(Source source, String file) {
    try (Pipeline pipeline = Pipeline.open(pipeline(source, ErrorPolicy.SKIP_AND_REPORT).build())) {
      long delivered = 0;
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next()) {
          delivered += batch.size();
        }
      }
      assertThat(delivered).isEqualTo(4); // the bomb's slot is filled by a good sample of its batch
      assertThat(pipeline.metrics().skipped()).isEqualTo(1);
      List<SampleError> errors = pipeline.errorLog().errors();
      assertThat(errors).singleElement().extracting(SampleError::source).asString().contains(file);
      String reason = errors.get(0).reason();
      assertThat(reason).contains("too_large", "65500");
      assertThat(reason.split("too_large", -1)).as(reason).hasSize(2);
      assertThat(pipeline.metrics().memoryPeak()).isLessThan(MAX_PEAK_BYTES);
    }
  }

  @Test
  void tfRecordSourceInAPipelineStopsAtTheBombBeforeAllocating() throws Exception {
    try (TfRecordSource source =
        TfRecordSource.open(TfRecordOptions.builder(List.of(tfRecordShard().toString())).build())) {
      assertStopsAtTheBomb(source, "bomb.tfrecord");
    }
  }

  @Test
  void tfRecordSourceInAPipelineSkipsTheBombUnderTheSkipPolicy() throws Exception {
    try (TfRecordSource source =
        TfRecordSource.open(TfRecordOptions.builder(List.of(tfRecordShard().toString())).build())) {
      assertSkipsTheBomb(source, "bomb.tfrecord");
    }
  }

  @Test
  void parquetSourceInAPipelineStopsAtTheBombBeforeAllocating() throws Exception {
    try (ParquetSource source =
        ParquetSource.open(ParquetOptions.builder(List.of(parquetShard().toString())).build())) {
      assertStopsAtTheBomb(source, "bomb.parquet");
    }
  }

  @Test
  void parquetSourceInAPipelineSkipsTheBombUnderTheSkipPolicy() throws Exception {
    try (ParquetSource source =
        ParquetSource.open(ParquetOptions.builder(List.of(parquetShard().toString())).build())) {
      assertSkipsTheBomb(source, "bomb.parquet");
    }
  }
}

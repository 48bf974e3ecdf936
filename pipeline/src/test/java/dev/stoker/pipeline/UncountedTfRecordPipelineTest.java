package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.error.ErrorPolicy;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline over TFRecord shards opened without counting them ({@code Counting.NONE}): the reader
 * thread takes a stream of unknown size, and batches, labels, ids, resume and damage behave.
 *
 * <p>Four shards of five JPEGs; record {@code r} of shard {@code k} has label {@code 10 k + r}, so
 * each label names one record.
 */
class UncountedTfRecordPipelineTest {
  private static final Path SHARED =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));
  private static final int SHARDS = 4;
  private static final int PER_SHARD = 5;
  private static final int SIDE = 16;

  @TempDir Path dir;

  @BeforeEach
  void write() throws IOException {
    for (int k = 0; k < SHARDS; k++) {
      try (TfRecordWriter w =
          TfRecordWriter.open(
              dir.resolve(String.format(Locale.ROOT, "part-%02d.tfrecord", k)),
              TfRecordWriterOptions.builder().build())) {
        for (int r = 0; r < PER_SHARD; r++) {
          byte[] jpeg =
              Files.readAllBytes(
                  SHARED.resolve(
                      String.format(Locale.ROOT, "images/img-%02d.jpg", k * PER_SHARD + r)));
          w.write(
              new ExampleWriter()
                  .putBytes("image/encoded", jpeg)
                  .putInt64s("image/class/label", 10L * k + r)
                  .toByteArray());
        }
      }
    }
  }

  private TfRecordSource open(TfRecordOptions.Counting counting) throws IOException {
    return TfRecordSource.open(
        TfRecordOptions.builder(List.of(dir + "/part-*.tfrecord"))
            .cycle(2)
            .counting(counting)
            .build());
  }

  private static PipelineOptions.Builder options(
      TfRecordSource source, @Nullable PipelineState resume) {
    PipelineOptions.Builder b =
        PipelineOptions.builder()
            .name("uncounted")
            .source(source)
            .processor(
                ImageSampleProcessor.factory(
                    Augmentation.builder().add(new Resize(SIDE, SIDE)).build(),
                    DecodeOptions.defaults()))
            .imageSize(SIDE, SIDE)
            .batchSize(4)
            .workers(2)
            .seed(3)
            .epochs(2)
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT);
    if (resume != null) {
      b.resumeFrom(resume);
    }
    return b;
  }

  /** One delivered sample: epoch, label, id and its image. */
  record Seen(long epoch, long label, long id, int image) {}

  private static List<Seen> drain(Pipeline pipeline, int batches) {
    List<Seen> seen = new ArrayList<>();
    int n = 0;
    while ((batches < 0 || n < batches) && pipeline.hasNext()) {
      try (Batch batch = pipeline.next()) {
        long bytes = batch.images().byteSize() / batch.layout().batch();
        for (int i = 0; i < batch.size(); i++) {
          byte[] image = batch.images().asSlice(i * bytes, bytes).toArray(ValueLayout.JAVA_BYTE);
          seen.add(
              new Seen(batch.epoch(), batch.label(i), batch.sampleId(i), Arrays.hashCode(image)));
        }
      }
      n++;
    }
    return seen;
  }

  @Test
  void everyRecordOncePerEpochWithItsIdAndTheSameImageAsCounted() throws IOException {
    List<Seen> uncounted;
    List<Seen> counted;
    try (TfRecordSource source = open(TfRecordOptions.Counting.NONE);
        Pipeline pipeline = Pipeline.open(options(source, null).build())) {
      uncounted = drain(pipeline, -1);
      assertThat(pipeline.metrics().skipped()).isZero();
    }
    try (TfRecordSource source = open(TfRecordOptions.Counting.UP_FRONT);
        Pipeline pipeline = Pipeline.open(options(source, null).build())) {
      counted = drain(pipeline, -1);
    }
    Map<Long, Integer> imageOf = new HashMap<>();
    counted.forEach(s -> imageOf.put(s.label(), s.image()));
    assertThat(imageOf).hasSize(SHARDS * PER_SHARD);
    for (long epoch = 0; epoch < 2; epoch++) {
      long e = epoch;
      List<Long> labels = uncounted.stream().filter(s -> s.epoch() == e).map(Seen::label).toList();
      assertThat(labels).doesNotHaveDuplicates().hasSize(SHARDS * PER_SHARD);
    }
    for (Seen s : uncounted) {
      long shard = s.label() / 10;
      long record = s.label() % 10;
      assertThat(s.id()).isEqualTo((shard << 32) | record);
      assertThat(s.image()).as("image of label %d", s.label()).isEqualTo(imageOf.get(s.label()));
    }
    List<Long> first = uncounted.stream().filter(s -> s.epoch() == 0).map(Seen::label).toList();
    List<Long> second = uncounted.stream().filter(s -> s.epoch() == 1).map(Seen::label).toList();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aResumedPipelineDeliversWhatTheUninterruptedOneDeliversNext() throws IOException {
    List<Seen> full;
    try (TfRecordSource source = open(TfRecordOptions.Counting.NONE);
        Pipeline pipeline = Pipeline.open(options(source, null).build())) {
      full = drain(pipeline, -1);
    }
    PipelineState state;
    List<Seen> head;
    try (TfRecordSource source = open(TfRecordOptions.Counting.NONE);
        Pipeline pipeline = Pipeline.open(options(source, null).build())) {
      head = drain(pipeline, 3);
      state = pipeline.state();
    }
    assertThat(state.epoch()).isZero();
    assertThat(state.position()).isEqualTo(12);
    try (TfRecordSource source = open(TfRecordOptions.Counting.NONE);
        Pipeline pipeline = Pipeline.open(options(source, state).build())) {
      List<Seen> tail = drain(pipeline, -1);
      assertThat(head).isEqualTo(full.subList(0, head.size()));
      assertThat(tail).isEqualTo(full.subList(head.size(), full.size()));
    }
  }

  @Test
  void damageInAShardIsOneReportedSampleAndTheOtherShardsGoOn() throws IOException {
    Files.writeString(dir.resolve("part-02.tfrecord"), "junk", StandardOpenOption.APPEND);
    try (TfRecordSource source = open(TfRecordOptions.Counting.NONE);
        Pipeline pipeline = Pipeline.open(options(source, null).epochs(1).build())) {
      List<Seen> seen = drain(pipeline, -1);
      // the damaged place is filled, as every bad sample's is
      assertThat(seen).hasSize(SHARDS * PER_SHARD + 1);
      assertThat(pipeline.errorLog().count()).isEqualTo(1);
      assertThat(pipeline.errorLog().errors().getFirst().source()).endsWith("part-02.tfrecord");
      assertThat(pipeline.errorLog().errors().getFirst().reason())
          .endsWith("; the rest of the shard is not read");
      List<Long> good =
          seen.stream()
              .filter(s -> s.id() != ((2L << 32) | PER_SHARD))
              .map(Seen::label)
              .distinct()
              .toList();
      assertThat(good).hasSize(SHARDS * PER_SHARD);
    }
  }
}

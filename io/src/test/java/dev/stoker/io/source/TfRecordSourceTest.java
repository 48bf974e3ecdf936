package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.io.Cursor;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.Streams.Sample;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordIndex;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordSourceTest {
  @TempDir Path dir;

  /** images.tfrecord's records from the manifest: image sha256, image length, label, offset. */
  record Expected(String sha256, long length, long label, long offset) {}

  static List<Expected> images = new ArrayList<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void manifest() throws IOException {
    Map<String, Object> tf = (Map<String, Object>) SharedData.manifest().get("tensorflow");
    for (Map<String, Object> file : (List<Map<String, Object>>) tf.get("tfrecord_files")) {
      if (file.get("file").equals("tfrecord/images.tfrecord")) {
        for (Map<String, Object> r : (List<Map<String, Object>>) file.get("records")) {
          Map<String, Object> features = (Map<String, Object>) r.get("features");
          Map<String, Object> image =
              ((List<Map<String, Object>>)
                      ((Map<String, Object>) features.get("image/encoded")).get("values"))
                  .get(0);
          long label =
              (Long)
                  ((List<Object>)
                          ((Map<String, Object>) features.get("image/class/label")).get("values"))
                      .get(0);
          images.add(
              new Expected(
                  (String) image.get("sha256"),
                  (Long) image.get("len"),
                  label,
                  (Long) r.get("offset")));
        }
      }
    }
    assertThat(images).hasSize(40);
  }

  private static String shared(String name) {
    return SharedData.dir().resolve("tfrecord").resolve(name).toString();
  }

  private static void assertImages(List<Sample> samples, boolean offsetsOfTheWholeFile) {
    assertThat(samples).hasSize(40);
    assertThat(samples.stream().map(Sample::id).distinct().count()).isEqualTo(40);
    for (Sample s : samples) {
      Expected e = images.get((int) s.id());
      assertThat(SharedData.sha256(s.bytes())).isEqualTo(e.sha256());
      assertThat((long) s.bytes().length).isEqualTo(e.length());
      assertThat(s.label()).isEqualTo(e.label());
      if (offsetsOfTheWholeFile) {
        assertThat(s.position()).isEqualTo("offset " + e.offset());
      }
    }
  }

  @Test
  void sharedShardsReadSequentiallyAsTheManifestSays() throws IOException {
    try (TfRecordSource source =
        TfRecordSource.open(
            TfRecordOptions.builder(List.of(shared("images-*-of-00004.tfrecord"))).build())) {
      assertThat(source.isRandomAccess()).isFalse();
      assertThat(source.recordCounts()).containsExactly(10, 10, 10, 10);
      List<Sample> samples = Streams.read(source, Cursor.start(2, 0), Sharding.SINGLE);
      assertImages(samples, false);
      for (Sample s : samples) {
        // shard k holds records 10k..10k+9 of images.tfrecord: same offsets minus shard k's start
        long shard = s.id() / 10;
        assertThat(s.source()).endsWith("images-0000" + shard + "-of-00004.tfrecord");
        long shardStart = images.get((int) (shard * 10)).offset();
        assertThat(s.position())
            .isEqualTo("offset " + (images.get((int) s.id()).offset() - shardStart));
      }
    }
  }

  @Test
  void sharedGzipFileReadsSequentially() throws IOException {
    try (TfRecordSource source =
        TfRecordSource.open(
            TfRecordOptions.builder(List.of(shared("images.gzip.tfrecord")))
                .compression(TfRecordCompression.GZIP)
                .build())) {
      assertThat(source.sampleCount()).hasValue(40);
      assertImages(Streams.read(source, Cursor.start(2, 0), Sharding.SINGLE), true);
    }
  }

  @Test
  void anIndexMakesTheSourceRandomAccess() throws IOException {
    Path copy = dir.resolve("images.tfrecord");
    Files.copy(Path.of(shared("images.tfrecord")), copy);
    TfRecordIndex.build(copy, TfRecordReaderOptions.defaults())
        .write(dir.resolve("images.tfrecord.idx"));
    try (TfRecordSource source =
        TfRecordSource.open(TfRecordOptions.builder(List.of(copy.toString())).build())) {
      assertThat(source.isRandomAccess()).isTrue();
      assertImages(Streams.read(source, Cursor.start(2, 0), Sharding.SINGLE), true);
    }
    try (TfRecordSource source =
        TfRecordSource.open(
            TfRecordOptions.builder(List.of(copy.toString())).useIndexes(false).build())) {
      assertThat(source.isRandomAccess()).isFalse();
    }
  }

  @Test
  void damageFoundWhileCountingFailsTheOpenNamingShardAndOffset() {
    assertThatThrownBy(
            () ->
                TfRecordSource.open(
                    TfRecordOptions.builder(List.of(shared("corrupt-length.tfrecord"))).build()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            shared("corrupt-length.tfrecord") + ": record 3 at offset 416: lengthCrc=");
    assertThatThrownBy(
            () ->
                TfRecordSource.open(
                    TfRecordOptions.builder(List.of(shared("truncated-mid-record.tfrecord")))
                        .build()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            shared("truncated-mid-record.tfrecord")
                + ": record 6 at offset 624: truncated: the frame needs 1220 bytes, the file holds 614");
  }

  private static Map<Long, String> outcomes(List<Object> out) {
    Map<Long, String> byId = new HashMap<>();
    for (Object o : out) {
      if (o instanceof SampleReadException e) {
        assertThat(e.canContinue()).isTrue();
        byId.put(e.sampleId(), e.error().position() + ": " + e.error().reason());
      } else {
        Sample s = (Sample) o;
        byId.put(s.id(), "ok " + s.label());
      }
    }
    return byId;
  }

  @Test
  void aDataChecksumErrorEndsTheShardWithoutAnIndexButNotWithOne() throws IOException {
    String corrupt = shared("corrupt-data-crc.tfrecord");
    TfRecordOptions.Builder b = TfRecordOptions.builder(List.of(corrupt)).keys("name", "id");
    Map<Long, String> sequential;
    try (TfRecordSource source = TfRecordSource.open(b.build())) {
      sequential = outcomes(Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE));
    }
    assertThat(sequential).hasSize(10);
    assertThat(sequential.get(0L)).isEqualTo("ok 0");
    assertThat(sequential.get(1L))
        .startsWith("offset 137: " + corrupt + ": record 1 at offset 137: ");
    for (long id = 2; id < 10; id++) {
      assertThat(sequential.get(id))
          .startsWith(
              "offset 137: not read: record "
                  + id
                  + " lies past damage in a shard without an index");
    }

    Path copy = dir.resolve("corrupt.tfrecord");
    Files.copy(Path.of(corrupt), copy);
    TfRecordIndex.build(copy, TfRecordReaderOptions.builder().verifyDataCrc(false).build())
        .write(dir.resolve("corrupt.tfrecord.idx"));
    try (TfRecordSource source =
        TfRecordSource.open(
            TfRecordOptions.builder(List.of(copy.toString())).keys("name", "id").build())) {
      Map<Long, String> indexed =
          outcomes(Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE));
      assertThat(indexed.get(0L)).isEqualTo("ok 0");
      assertThat(indexed.get(1L)).startsWith("offset 137: " + copy + ": record 1 at offset 137: ");
      assertThat(indexed.get(2L)).isEqualTo("ok 2");
      assertThat(indexed.get(6L)).isEqualTo("ok 6");
      assertThat(indexed.get(4L))
          .isEqualTo("offset 506: feature 'name' is missing (expected: bytes_list)");
      assertThat(indexed.get(7L))
          .isEqualTo("offset 1844: feature 'name' is missing (expected: bytes_list)");
    }
  }

  /** Writes {@code shards} shards of {@code perShard + k} records; record i holds image(i). */
  private List<String> write(int shards, int perShard, boolean index) throws IOException {
    List<String> files = new ArrayList<>();
    long id = 0;
    for (int k = 0; k < shards; k++) {
      Path p = dir.resolve("train-" + k + ".tfrecord");
      TfRecordWriterOptions.Builder o = TfRecordWriterOptions.builder();
      if (index) {
        o.indexFile(dir.resolve("train-" + k + ".tfrecord.idx"));
      }
      try (TfRecordWriter w = TfRecordWriter.open(p, o.build())) {
        for (int r = 0; r < perShard + k; r++, id++) {
          w.write(
              new ExampleWriter()
                  .putBytes("image/encoded", image(id))
                  .putInt64s("image/class/label", id % 5)
                  .toByteArray());
        }
      }
      files.add(p.toString());
    }
    return files;
  }

  private static byte[] image(long id) {
    byte[] b = new byte[10 + (int) (id % 13)];
    Arrays.fill(b, (byte) id);
    return b;
  }

  @Test
  void resumingAtEveryPositionYieldsTheTailInBothModes() throws IOException {
    List<String> files = write(3, 7, true); // 7 + 8 + 9 = 24 records
    for (boolean useIndexes : new boolean[] {true, false}) {
      try (TfRecordSource source =
          TfRecordSource.open(
              TfRecordOptions.builder(files).useIndexes(useIndexes).cycle(2).build())) {
        assertThat(source.isRandomAccess()).isEqualTo(useIndexes);
        for (Sharding sharding :
            List.of(Sharding.SINGLE, new Sharding(2, 5, Sharding.Remainder.PAD))) {
          List<Sample> whole = Streams.read(source, Cursor.start(6, 3), sharding);
          for (Sample s : whole) {
            assertThat(s.bytes()).isEqualTo(image(s.id()));
            assertThat(s.label()).isEqualTo(s.id() % 5);
          }
          for (int k = 0; k <= whole.size(); k++) {
            assertThat(Streams.read(source, new Cursor(6, 3, k), sharding))
                .as("indexes %s, %s, from %d", useIndexes, sharding, k)
                .isEqualTo(whole.subList(k, whole.size()));
          }
        }
      }
    }
  }

  @Test
  void ranksShareEveryRecordOnceInBothModes() throws IOException {
    List<String> files = write(4, 5, true); // 5 + 6 + 7 + 8 = 26 records
    for (boolean useIndexes : new boolean[] {true, false}) {
      try (TfRecordSource source =
          TfRecordSource.open(TfRecordOptions.builder(files).useIndexes(useIndexes).build())) {
        for (int worldSize = 1; worldSize <= 8; worldSize++) {
          Map<Long, Integer> seen = new HashMap<>();
          for (int rank = 0; rank < worldSize; rank++) {
            List<Sample> part =
                Streams.read(
                    source,
                    Cursor.start(1, 0),
                    new Sharding(rank, worldSize, Sharding.Remainder.DROP));
            assertThat(part).hasSize(26 / worldSize);
            part.forEach(s -> seen.merge(s.id(), 1, Integer::sum));
          }
          assertThat(seen.values()).allMatch(c -> c == 1);
          assertThat(seen).hasSize(26 / worldSize * worldSize);
        }
      }
    }
  }

  @Test
  void aStaleOrMalformedIndexIsAnErrorAtOpen() throws IOException {
    List<String> files = write(1, 4, true);
    Path idx = Path.of(files.get(0) + ".idx");
    List<String> lines = Files.readAllLines(idx);
    Files.write(idx, lines.subList(0, 3));
    assertThatThrownBy(() -> TfRecordSource.open(TfRecordOptions.builder(files).build()))
        .hasMessageStartingWith(idx + ": records end at offset ")
        .hasMessageEndingWith(", the size of " + files.get(0) + "): the index is stale");
    Files.write(idx, List.of("0 abc"));
    assertThatThrownBy(() -> TfRecordSource.open(TfRecordOptions.builder(files).build()))
        .hasMessage(idx + ": line 1: '0 abc' (expected: 'offset size')");
    Files.write(idx, List.of("0 20", "40 20"));
    assertThatThrownBy(() -> TfRecordSource.open(TfRecordOptions.builder(files).build()))
        .hasMessage(
            idx
                + ": record 1: offset=40 (expected: 20, where the previous frame ends: the index"
                + " does not match "
                + files.get(0)
                + ")");
  }

  @Test
  void wrongFeaturesAreSampleErrors() throws IOException {
    Path p = dir.resolve("odd.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.open(p, TfRecordWriterOptions.defaults())) {
      w.write(
          new ExampleWriter()
              .putInt64s("image/encoded", 1)
              .putInt64s("image/class/label", 1)
              .toByteArray());
      w.write(new ExampleWriter().putBytes("image/encoded", new byte[] {1}).toByteArray());
      w.write(
          new ExampleWriter()
              .putBytes("image/encoded", new byte[] {1})
              .putFloats("image/class/label", 1f)
              .toByteArray());
      w.write(new byte[] {(byte) 0x0A, (byte) 0x7F});
    }
    try (TfRecordSource source =
        TfRecordSource.open(TfRecordOptions.builder(List.of(p.toString())).build())) {
      Map<Long, String> out =
          outcomes(Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE));
      assertThat(out.get(0L))
          .isEqualTo(
              "offset 0: feature 'image/encoded' is INT64_LIST with 1 values (expected: bytes_list with a value)");
      assertThat(out.get(1L))
          .endsWith(": feature 'image/class/label' is missing (expected: int64_list)");
      assertThat(out.get(2L))
          .endsWith(
              ": feature 'image/class/label' is FLOAT_LIST with 1 values (expected: int64_list with a value)");
      assertThat(out.get(3L)).contains(": not a valid tf.train.Example: ");
    }
  }

  @Test
  void missingDeniedAndEmptyInputsAreNamed() throws IOException {
    Path missing = dir.resolve("none.tfrecord");
    assertThatThrownBy(
            () -> TfRecordSource.open(TfRecordOptions.builder(List.of(missing.toString())).build()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
    assertThatThrownBy(
            () -> TfRecordSource.open(TfRecordOptions.builder(List.of(dir + "/val-*")).build()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(dir + "/val-*: no files match (expected: at least one)");
    List<String> files = write(1, 3, false);
    assertThatThrownBy(
            () ->
                TfRecordSource.open(
                    TfRecordOptions.builder(files)
                        .storage(new DeniedStorage(LocalStorage.INSTANCE, "train-0.tfrecord"))
                        .build()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(files.get(0) + ": permission denied");
    assertThatThrownBy(
            () ->
                TfRecordSource.open(
                    TfRecordOptions.builder(List.of(shared("empty.tfrecord"))).build()))
        .hasMessage(
            shared("empty.tfrecord") + ": the dataset is empty (expected: at least one record)");
  }

  @Test
  void anOversizedRecordIsABadSample() throws IOException {
    List<String> files = write(1, 4, true);
    try (TfRecordSource source =
        TfRecordSource.open(TfRecordOptions.builder(files).maxSampleBytes(20).build())) {
      Map<Long, String> out =
          outcomes(Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE));
      // record i: an image of 10 + i bytes plus the Example's framing: every record exceeds 20
      assertThat(out).hasSize(4);
      assertThat(out.values()).allMatch(s -> s.endsWith("(expected: <= maxRecordLength 20)"));
      assertThat(out.get(0L))
          .isEqualTo(
              "offset 0: "
                  + files.get(0)
                  + ": record 0 at offset 0: length=63 (expected: <= maxRecordLength 20)");
    }
  }
}

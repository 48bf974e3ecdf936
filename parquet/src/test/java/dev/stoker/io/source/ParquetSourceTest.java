package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.Cursor;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.ParquetFiles.Settings;
import dev.stoker.io.source.Streams.Sample;
import dev.stoker.io.storage.LocalStorage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParquetSourceTest {
  @TempDir Path dir;

  static Stream<Settings> settings() {
    List<Settings> all = new ArrayList<>();
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.ZSTD,
            CompressionCodecName.GZIP,
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY)) {
      for (boolean dictionary : new boolean[] {false, true}) {
        for (WriterVersion v : WriterVersion.values()) {
          all.add(new Settings(codec, dictionary, v, 13));
        }
      }
    }
    return all.stream();
  }

  /** What the file really holds: its codec, its encodings, and the data page version. */
  private static void assertWrittenAs(Path file, Settings s, String column) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      ColumnChunkMetaData chunk =
          r.getRowGroups().get(0).getColumns().stream()
              .filter(c -> c.getPath().toDotString().equals(column))
              .findFirst()
              .orElseThrow();
      assertThat(chunk.getCodec()).isEqualTo(s.codec());
      Set<Encoding> encodings = chunk.getEncodings();
      assertThat(encodings.stream().anyMatch(e -> e.name().endsWith("_DICTIONARY")))
          .as("dictionary in %s", encodings)
          .isEqualTo(s.dictionary());
      PageReadStore pages = r.readNextRowGroup();
      DataPage page =
          pages
              .getPageReader(
                  r.getFileMetaData().getSchema().getColumnDescription(column.split("\\.")))
              .readPage();
      assertThat(page instanceof DataPageV2).isEqualTo(s.version() == WriterVersion.PARQUET_2_0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void everyCodecEncodingAndPageVersionReadsInBothLayouts(Settings s) throws IOException {
    Path hf = dir.resolve("hf.parquet");
    Path flat = dir.resolve("flat.parquet");
    ParquetFiles.writeHf(hf, 61, s);
    ParquetFiles.writeFlat(flat, 61, s);
    assertWrittenAs(hf, s, "image.bytes");
    assertWrittenAs(flat, s, "jpeg");
    try (ParquetSource a =
            ParquetSource.open(ParquetOptions.builder(List.of(hf.toString())).build());
        ParquetSource b =
            ParquetSource.open(
                ParquetOptions.builder(List.of(flat.toString()))
                    .imageColumn("jpeg")
                    .labelColumn("cls")
                    .build())) {
      assertThat(a.rowGroupCount()).isEqualTo(5);
      for (ParquetSource source : List.of(a, b)) {
        List<Sample> samples = Streams.read(source, Cursor.start(3, 0), Sharding.SINGLE);
        assertThat(samples).hasSize(61);
        Set<Long> rows = new HashSet<>();
        for (Sample x : samples) {
          long r = Long.parseLong(x.position().substring(4));
          rows.add(r);
          assertThat(x.id()).isEqualTo(r);
          assertThat(x.bytes()).isEqualTo(ParquetFiles.image(r));
          assertThat(x.label()).isEqualTo(ParquetFiles.label(r));
        }
        assertThat(rows).hasSize(61);
      }
    }
  }

  private List<String> shards(int count, int rows) throws IOException {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path p = dir.resolve("train-" + i + ".parquet");
      ParquetFiles.writeHf(
          p, rows + i, new Settings(CompressionCodecName.ZSTD, true, WriterVersion.PARQUET_2_0, 6));
      files.add(p.toString());
    }
    return files;
  }

  @Test
  void aGlobOfShardsNumbersRowsAcrossFilesAndShardsOverRanks() throws IOException {
    shards(3, 20); // 20 + 21 + 22 rows
    try (ParquetSource source =
        ParquetSource.open(ParquetOptions.builder(List.of(dir + "/train-*.parquet")).build())) {
      assertThat(source.sampleCount()).hasValue(63);
      Map<Long, Integer> counts = new HashMap<>();
      for (int rank = 0; rank < 4; rank++) {
        List<Sample> part =
            Streams.read(source, Cursor.start(8, 2), new Sharding(rank, 4, Sharding.Remainder.PAD));
        assertThat(part).hasSize(16);
        for (Sample s : part) {
          counts.merge(s.id(), 1, Integer::sum);
          long first =
              s.source().endsWith("train-0.parquet")
                  ? 0
                  : s.source().endsWith("train-1.parquet") ? 20 : 41;
          long row = Long.parseLong(s.position().substring(4));
          assertThat(s.id()).isEqualTo(first + row);
          assertThat(s.bytes()).isEqualTo(ParquetFiles.image(row));
        }
      }
      assertThat(counts).hasSize(63);
      assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(64);
    }
  }

  @Test
  void resumingAtEveryPositionYieldsTheTail() throws IOException {
    List<String> files = shards(2, 15);
    try (ParquetSource source =
        ParquetSource.open(ParquetOptions.builder(files).cycle(3).build())) {
      Sharding sharding = new Sharding(1, 2, Sharding.Remainder.DROP);
      List<Sample> whole = Streams.read(source, Cursor.start(4, 1), sharding);
      assertThat(whole).hasSize(15);
      for (int k = 0; k <= whole.size(); k++) {
        assertThat(Streams.read(source, new Cursor(4, 1, k), sharding))
            .isEqualTo(whole.subList(k, whole.size()));
      }
    }
  }

  @Test
  void hadoopStorageReadsTheSameSamples() throws IOException {
    List<String> files = shards(2, 9);
    HadoopStorage hadoop = new HadoopStorage(new Configuration());
    List<String> uris = files.stream().map(f -> Path.of(f).toUri().toString()).toList();
    try (ParquetSource local = ParquetSource.open(ParquetOptions.builder(files).build());
        ParquetSource remote =
            ParquetSource.open(ParquetOptions.builder(uris).storage(hadoop).build())) {
      List<Sample> a = Streams.read(local, Cursor.start(1, 1), Sharding.SINGLE);
      List<Sample> b = Streams.read(remote, Cursor.start(1, 1), Sharding.SINGLE);
      assertThat(b).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).id()).isEqualTo(a.get(i).id());
        assertThat(b.get(i).hex()).isEqualTo(a.get(i).hex());
      }
    }
  }

  @Test
  void anOversizedCellIsARowError() throws IOException {
    Path hf = dir.resolve("hf.parquet");
    ParquetFiles.writeHf(
        hf, 14, new Settings(CompressionCodecName.SNAPPY, false, WriterVersion.PARQUET_1_0, 100));
    try (ParquetSource source =
        ParquetSource.open(
            ParquetOptions.builder(List.of(hf.toString())).maxSampleBytes(200).build())) {
      List<Object> out = Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE);
      Map<Long, String> errors = new HashMap<>();
      for (Object o : out) {
        if (o instanceof SampleReadException e) {
          errors.put(e.error().position().value(), e.error().reason());
        }
      }
      // sizes 50 + 37 * (r % 7): rows 5, 6, 12, 13 hold 235 and 272 bytes
      assertThat(errors)
          .isEqualTo(
              Map.of(
                  5L, "size=235 (expected: <= maxSampleBytes 200)",
                  6L, "size=272 (expected: <= maxSampleBytes 200)",
                  12L, "size=235 (expected: <= maxSampleBytes 200)",
                  13L, "size=272 (expected: <= maxSampleBytes 200)"));
    }
  }

  @Test
  void aMissingColumnIsNamedWithTheColumnsThereAre() throws IOException {
    Path flat = dir.resolve("flat.parquet");
    ParquetFiles.writeFlat(
        flat, 3, new Settings(CompressionCodecName.SNAPPY, false, WriterVersion.PARQUET_1_0, 100));
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(flat.toString())).build()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            flat
                + ": no column 'image' (expected: an image column, struct<bytes, path> or binary;"
                + " columns: [cls, jpeg, score])");
    assertThatThrownBy(
            () ->
                ParquetSource.open(
                    ParquetOptions.builder(List.of(flat.toString())).imageColumn("jpeg").build()))
        .hasMessage(
            flat
                + ": no column 'label' (expected: an INT32 or INT64 label column; columns: [cls, jpeg, score])");
  }

  @Test
  void aColumnOfTheWrongTypeIsNamedWithItsType() throws IOException {
    Path flat = dir.resolve("flat.parquet");
    ParquetFiles.writeFlat(
        flat, 3, new Settings(CompressionCodecName.SNAPPY, false, WriterVersion.PARQUET_1_0, 100));
    assertThatThrownBy(
            () ->
                ParquetSource.open(
                    ParquetOptions.builder(List.of(flat.toString()))
                        .imageColumn("jpeg")
                        .labelColumn("score")
                        .build()))
        .hasMessage(flat + ": column 'score' is required double score (expected: INT32 or INT64)");
    assertThatThrownBy(
            () ->
                ParquetSource.open(
                    ParquetOptions.builder(List.of(flat.toString()))
                        .imageColumn("cls")
                        .labelColumn("cls")
                        .build()))
        .hasMessage(flat + ": column 'cls' is required int32 cls (expected: binary)");
    MessageType noBytes =
        MessageTypeParser.parseMessageType(
            "message m { optional group image { optional binary path (STRING); } optional int64 label; }");
    Path p = dir.resolve("nobytes.parquet");
    Group g = new SimpleGroupFactory(noBytes).newGroup();
    g.addGroup("image").add("path", "x.jpg");
    g.add("label", 1L);
    ParquetFiles.write(p, noBytes, List.of(g));
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(p.toString())).build()))
        .hasMessage(
            p
                + ": column 'image' is optional group image { optional binary path (STRING); }"
                + " (expected: struct<bytes: binary, path: string> or binary)");
  }

  @Test
  void missingDeniedAndBrokenFilesAreNamed() throws IOException {
    List<String> files = shards(1, 5);
    Path missing = dir.resolve("missing.parquet");
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(missing.toString())).build()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
    assertThatThrownBy(
            () ->
                ParquetSource.open(ParquetOptions.builder(List.of(dir + "/val-*.parquet")).build()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(dir + "/val-*.parquet: no files match (expected: at least one)");
    assertThatThrownBy(
            () ->
                ParquetSource.open(
                    ParquetOptions.builder(files)
                        .storage(new DeniedStorage(LocalStorage.INSTANCE, "train-0.parquet"))
                        .build()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(files.get(0) + ": permission denied");
    Path garbage = dir.resolve("garbage.parquet");
    Files.write(garbage, new byte[100]);
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(garbage.toString())).build()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(garbage + ": not a readable Parquet file: ");
  }

  @Test
  void anEmptyDatasetIsAnError() throws IOException {
    Path empty = dir.resolve("empty.parquet");
    ParquetFiles.writeHf(
        empty, 0, new Settings(CompressionCodecName.SNAPPY, false, WriterVersion.PARQUET_1_0, 100));
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(empty.toString())).build()))
        .isInstanceOf(IOException.class)
        .hasMessage(empty + ": the dataset is empty (expected: at least one row)");
  }

  @Test
  void aRowGroupThatFailsToDecodeFailsEachOfItsRowsWithFileAndRow() throws IOException {
    Path hf = dir.resolve("hf.parquet");
    ParquetFiles.writeHf(
        hf,
        20,
        new Settings(CompressionCodecName.UNCOMPRESSED, false, WriterVersion.PARQUET_1_0, 10));
    try (ParquetSource source =
        ParquetSource.open(ParquetOptions.builder(List.of(hf.toString())).build())) {
      // overwrite the start of the file's data (the first row group's pages) after the footer was
      // read
      byte[] bytes = Files.readAllBytes(hf);
      for (int i = 4; i < 200; i++) {
        bytes[i] = (byte) 0xFF;
      }
      Files.write(hf, bytes);
      List<Object> out = Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE);
      assertThat(out).hasSize(20);
      int bad = 0;
      for (Object o : out) {
        if (o instanceof SampleReadException e) {
          bad++;
          assertThat(e.canContinue()).isTrue();
          assertThat(e.error().source()).isEqualTo(hf.toString());
          assertThat(e.error().position().value()).isLessThan(10);
          assertThat(e.error().reason()).startsWith("row group 0 is unreadable: ");
        } else {
          assertThat(Long.parseLong(((Sample) o).position().substring(4)))
              .isGreaterThanOrEqualTo(10);
        }
      }
      assertThat(bad).isEqualTo(10);
    }
  }
}

package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.io.Cursor;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.Streams.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Parquet file in the shared test data, read and checked against the manifest. */
class ParquetManifestTest {
  @SuppressWarnings("unchecked")
  static Stream<Map<String, Object>> files() throws IOException {
    Map<String, Object> parquet = (Map<String, Object>) SharedData.manifest().get("parquet");
    return ((List<Map<String, Object>>) parquet.get("parquet_files")).stream();
  }

  @Test
  void theManifestListsEveryParquetFileInTheFolder() throws IOException {
    Set<String> listed = new TreeSet<>();
    files().forEach(f -> listed.add((String) f.get("file")));
    Set<String> present = new TreeSet<>();
    try (Stream<Path> all = Files.list(SharedData.dir().resolve("parquet"))) {
      all.forEach(p -> present.add("parquet/" + p.getFileName()));
    }
    assertThat(present).isEqualTo(listed).isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsEveryRowAsTheManifestSays(Map<String, Object> entry) throws IOException {
    Map<String, Object> parquet = (Map<String, Object>) SharedData.manifest().get("parquet");
    String file = SharedData.dir().resolve((String) entry.get("file")).toString();
    List<Map<String, Object>> rows = (List<Map<String, Object>>) entry.get("rows");
    try (ParquetSource source = ParquetSource.open(ParquetOptions.builder(List.of(file)).build())) {
      assertThat(source.labelNames()).isEqualTo(parquet.get("label_names"));
      assertThat(source.sampleCount()).hasValue((Long) entry.get("row_count"));
      assertThat((long) source.rowGroupCount()).isEqualTo(entry.get("row_group_count"));
      assertThat(source.isRandomAccess()).isFalse();

      Map<Long, String> expectedErrors = new HashMap<>();
      for (Map<String, Object> row : rows) {
        Map<String, Object> image = (Map<String, Object>) row.get("image");
        long r = (Long) row.get("row");
        if (image == null) {
          expectedErrors.put(r, "column 'image' is NULL (expected: image bytes)");
        } else if (image.get("bytes_sha256") == null) {
          expectedErrors.put(r, "column 'image.bytes' is NULL (expected: image bytes)");
        } else if (row.get("label") == null) {
          expectedErrors.put(r, "column 'label' is NULL (expected: a label)");
        }
      }

      List<Object> out = Streams.readSkipping(source, Cursor.start(17, 1), Sharding.SINGLE);
      assertThat(out).hasSize(rows.size());
      Map<Long, String> errors = new HashMap<>();
      List<Long> seen = new ArrayList<>();
      for (Object o : out) {
        if (o instanceof SampleReadException e) {
          assertThat(e.canContinue()).isTrue();
          assertThat(e.error().source()).isEqualTo(file);
          errors.put(e.error().position().value(), e.error().reason());
          seen.add(e.sampleId());
          continue;
        }
        Sample s = (Sample) o;
        long r = Long.parseLong(s.position().substring("row ".length()));
        Map<String, Object> row = rows.get((int) r);
        Map<String, Object> image = (Map<String, Object>) row.get("image");
        assertThat(s.source()).isEqualTo(file);
        assertThat(s.id()).as("one file: id is the row").isEqualTo(r);
        assertThat((long) s.bytes().length).isEqualTo(image.get("bytes_len"));
        assertThat(SharedData.sha256(s.bytes())).isEqualTo(image.get("bytes_sha256"));
        assertThat(s.label()).isEqualTo(row.get("label"));
        seen.add(s.id());
      }
      assertThat(errors).isEqualTo(expectedErrors);
      assertThat(seen).doesNotHaveDuplicates().hasSize(rows.size());
    }
  }
}

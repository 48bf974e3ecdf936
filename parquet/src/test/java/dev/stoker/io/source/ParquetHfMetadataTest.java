package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.io.source.ParquetFiles.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class names from the "huggingface" footer metadata, written the way Python's {@code json.dumps}
 * writes it (every non-ASCII character escaped as {@code \\uXXXX}) and the way other writers do
 * (raw UTF-8).
 */
class ParquetHfMetadataTest {
  private static final Settings SETTINGS =
      new Settings(CompressionCodecName.SNAPPY, false, WriterVersion.PARQUET_1_0, 100);

  @TempDir Path dir;
  private int files;

  private List<String> labelNamesOf(String json) throws IOException {
    Path file = dir.resolve("hf-" + files++ + ".parquet");
    ParquetFiles.writeHf(file, 3, SETTINGS, Map.of("huggingface", json));
    try (ParquetSource source =
        ParquetSource.open(ParquetOptions.builder(List.of(file.toString())).build())) {
      return source.labelNames();
    }
  }

  @Test
  void escapedAndRawNonAsciiNamesDecodeAlike() throws IOException {
    // json.dumps({"info": {"features": {"label": {"names": ["café", "猫", "ü]x"], ...}}}})
    String escaped =
        "{\"info\": {\"features\": {\"image\": {\"_type\": \"Image\"}, \"label\": {\"names\":"
            + " [\"caf\\u00e9\", \"\\u732b\", \"\\u00fc]x\"], \"_type\": \"ClassLabel\"}}}}";
    String raw =
        "{\"info\":{\"features\":{\"image\":{\"_type\":\"Image\"},\"label\":{\"names\":"
            + "[\"café\",\"猫\",\"ü]x\"],\"_type\":\"ClassLabel\"}}}}";
    assertThat(labelNamesOf(escaped)).containsExactly("café", "猫", "ü]x");
    assertThat(labelNamesOf(raw)).containsExactly("café", "猫", "ü]x");
  }

  @Test
  void aBracketAQuoteAndABackslashInsideANameStayInTheName() throws IOException {
    String json =
        "{\"info\": {\"features\": {\"label\": {\"names\": [\"a]b\", \"say \\\"hi\\\"\","
            + " \"back\\\\slash\", \"[x]\"], \"_type\": \"ClassLabel\"}}}}";
    assertThat(labelNamesOf(json)).containsExactly("a]b", "say \"hi\"", "back\\slash", "[x]");
  }

  @Test
  void aSecondLabelKeyElsewhereIsNotTheLabelFeature() throws IOException {
    // "label" appears first as a description's key and inside another feature; the label
    // feature's names come after both.
    String json =
        "{\"info\": {\"description\": {\"label\": {\"names\": [\"wrong\"]}},"
            + " \"features\": {\"caption\": {\"label\": \"not this\", \"names\": [\"nor this\"]},"
            + " \"label\": {\"names\": [\"cat\", \"dog\"], \"_type\": \"ClassLabel\"}}}}";
    assertThat(labelNamesOf(json)).containsExactly("cat", "dog");
  }

  @Test
  void metadataWithoutLabelNamesGivesNumbersAndBrokenJsonIsNamed() throws IOException {
    assertThat(labelNamesOf("{\"info\": {\"features\": {\"label\": {\"_type\": \"Value\"}}}}"))
        .isEmpty();
    Path file = dir.resolve("broken.parquet");
    ParquetFiles.writeHf(file, 3, SETTINGS, Map.of("huggingface", "{\"info\": [1, 2"));
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(file.toString())).build()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ": the 'huggingface' metadata is not JSON");
    Path numbers = dir.resolve("numbers.parquet");
    ParquetFiles.writeHf(
        numbers,
        3,
        SETTINGS,
        Map.of("huggingface", "{\"info\": {\"features\": {\"label\": {\"names\": [\"a\", 7]}}}}"));
    assertThatThrownBy(
            () -> ParquetSource.open(ParquetOptions.builder(List.of(numbers.toString())).build()))
        .hasMessage(
            numbers
                + ": 'huggingface' metadata: info.features.label.names[1]=7 (expected: a string)");
  }
}

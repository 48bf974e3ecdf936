package dev.stoker.io.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes Parquet fixtures with parquet-java's example writer. */
final class ParquetFiles {
  private ParquetFiles() {}

  static final MessageType HF =
      MessageTypeParser.parseMessageType(
          "message hf { optional group image { optional binary bytes; optional binary path (STRING); }"
              + " optional int64 label; optional binary caption (STRING); }");

  static final MessageType FLAT =
      MessageTypeParser.parseMessageType(
          "message flat { required int32 cls; required binary jpeg; required double score; }");

  /** The image bytes of row {@code r}: 7 distinct contents, so dictionaries pay off. */
  static byte[] image(long r) {
    int kind = (int) (r % 7);
    byte[] b = new byte[50 + kind * 37];
    Arrays.fill(b, (byte) (kind * 11 + 1));
    b[0] = (byte) kind;
    return b;
  }

  static long label(long r) {
    return (r * 3) % 5;
  }

  /** The write settings that vary between fixtures. */
  record Settings(
      CompressionCodecName codec, boolean dictionary, WriterVersion version, int rowsPerGroup) {
    @Override
    public String toString() {
      return codec + (dictionary ? "+dict" : "") + "/" + version + "/" + rowsPerGroup;
    }
  }

  static void writeHf(Path file, int rows, Settings s) throws IOException {
    writeHf(file, rows, s, Map.of());
  }

  /** The Hugging Face layout with footer key-value metadata, e.g. a "huggingface" entry. */
  static void writeHf(Path file, int rows, Settings s, Map<String, String> metadata)
      throws IOException {
    SimpleGroupFactory f = new SimpleGroupFactory(HF);
    try (ParquetWriter<Group> w = writer(file, HF, s, metadata)) {
      for (int r = 0; r < rows; r++) {
        Group g = f.newGroup();
        Group image = g.addGroup("image");
        image.add("bytes", Binary.fromConstantByteArray(image(r)));
        image.add("path", "img-" + r + ".jpg");
        g.add("label", label(r));
        g.add("caption", "a caption that is never read " + r);
        w.write(g);
      }
    }
  }

  static void writeFlat(Path file, int rows, Settings s) throws IOException {
    SimpleGroupFactory f = new SimpleGroupFactory(FLAT);
    try (ParquetWriter<Group> w = writer(file, FLAT, s, Map.of())) {
      for (int r = 0; r < rows; r++) {
        Group g = f.newGroup();
        g.add("cls", (int) label(r));
        g.add("jpeg", Binary.fromConstantByteArray(image(r)));
        g.add("score", r * 0.5);
        w.write(g);
      }
    }
  }

  static void write(Path file, MessageType schema, Iterable<Group> rows) throws IOException {
    write(
        file,
        schema,
        rows,
        new Settings(CompressionCodecName.UNCOMPRESSED, false, WriterVersion.PARQUET_1_0, 100));
  }

  static void write(Path file, MessageType schema, Iterable<Group> rows, Settings s)
      throws IOException {
    try (ParquetWriter<Group> w = writer(file, schema, s, Map.of())) {
      for (Group g : rows) {
        w.write(g);
      }
    }
  }

  private static ParquetWriter<Group> writer(
      Path file, MessageType schema, Settings s, Map<String, String> metadata) throws IOException {
    return ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(schema)
        .withExtraMetaData(metadata)
        .withCompressionCodec(s.codec())
        .withDictionaryEncoding(s.dictionary())
        .withWriterVersion(s.version())
        .withRowGroupRowCountLimit(s.rowsPerGroup())
        .withPageRowCountLimit(8)
        .build();
  }
}

package dev.stoker.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TfRecordWriterTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tfrecord/small.tfrecord",
        "tfrecord/images.tfrecord",
        "tfrecord/images-00003-of-00004.tfrecord",
        "tfrecord/large.tfrecord",
        "tfrecord/empty.tfrecord"
      })
  void writesTheSameBytesAsTensorFlow(String file, @TempDir Path dir) throws IOException {
    List<byte[]> payloads = TestData.payloads(file);
    Path out = dir.resolve("out.tfrecord");
    try (TfRecordWriter writer = TfRecordWriter.open(out, TfRecordWriterOptions.defaults())) {
      for (byte[] p : payloads) {
        writer.write(p);
      }
      assertThat(writer.count()).isEqualTo(payloads.size());
    }
    assertThat(TestData.sha256(out))
        .isEqualTo(TestData.entry(file).get("file_sha256").getAsString());
  }

  @Test
  void segmentsAndArraysWriteTheSameFrames(@TempDir Path dir) throws IOException {
    List<byte[]> payloads = TestData.payloads("tfrecord/large.tfrecord");
    Path out = dir.resolve("seg.tfrecord");
    try (Arena arena = Arena.ofConfined();
        TfRecordWriter writer = TfRecordWriter.open(out, TfRecordWriterOptions.defaults())) {
      for (byte[] p : payloads) {
        MemorySegment off = arena.allocate(p.length);
        MemorySegment.copy(p, 0, off, ValueLayout.JAVA_BYTE, 0, p.length);
        writer.write(off);
      }
    }
    assertThat(TestData.sha256(out))
        .isEqualTo(TestData.entry("tfrecord/large.tfrecord").get("file_sha256").getAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GZIP", "ZLIB"})
  void compressedOutputInflatesToTensorFlowsStream(String name, @TempDir Path dir)
      throws IOException {
    TfRecordCompression compression = TfRecordCompression.valueOf(name);
    List<byte[]> payloads = TestData.payloads("tfrecord/small.tfrecord");
    Path out = dir.resolve("out.tfrecord");
    TfRecordWriterOptions options =
        TfRecordWriterOptions.builder().compression(compression).build();
    try (TfRecordWriter writer = TfRecordWriter.open(out, options)) {
      for (byte[] p : payloads) {
        writer.write(p);
      }
    }
    byte[] inflated;
    try (InputStream raw = Files.newInputStream(out);
        InputStream in =
            compression == TfRecordCompression.GZIP
                ? new GZIPInputStream(raw)
                : new InflaterInputStream(raw)) {
      inflated = in.readAllBytes();
    }
    assertThat(TestData.sha256(inflated))
        .isEqualTo(TestData.entry("tfrecord/small.tfrecord").get("file_sha256").getAsString());
    TfRecordReaderOptions read = TfRecordReaderOptions.builder().compression(compression).build();
    List<String> back = new ArrayList<>();
    try (TfRecordReader reader = TfRecordReader.open(out, read)) {
      while (reader.next()) {
        back.add(TestData.sha256(reader.record()));
      }
    }
    assertThat(back).isEqualTo(payloads.stream().map(TestData::sha256).toList());
  }

  @Test
  void emitsADaliIndexWhileWriting(@TempDir Path dir) throws IOException {
    JsonObject entry = TestData.entry("tfrecord/images.tfrecord");
    List<byte[]> payloads = TestData.payloads("tfrecord/images.tfrecord");
    Path out = dir.resolve("images.tfrecord");
    Path idx = dir.resolve("images.idx");
    try (TfRecordWriter writer =
        TfRecordWriter.open(out, TfRecordWriterOptions.builder().indexFile(idx).build())) {
      for (byte[] p : payloads) {
        writer.write(p);
      }
    }
    StringBuilder expected = new StringBuilder();
    for (JsonObject r : TestData.records(entry)) {
      expected
          .append(r.get("offset").getAsLong())
          .append(' ')
          .append(r.get("length").getAsLong() + 16)
          .append('\n');
    }
    assertThat(Files.readString(idx)).isEqualTo(expected.toString());
  }

  @Test
  void anIndexNeedsAnUncompressedStream() {
    assertThatThrownBy(
            () ->
                TfRecordWriterOptions.builder()
                    .compression(TfRecordCompression.GZIP)
                    .indexFile(Path.of("x.idx"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compression=GZIP (expected: NONE when an indexFile is written)");
  }

  @Test
  void writingAfterCloseFails(@TempDir Path dir) throws IOException {
    TfRecordWriter writer =
        TfRecordWriter.open(dir.resolve("x.tfrecord"), TfRecordWriterOptions.defaults());
    writer.close();
    writer.close();
    assertThatThrownBy(() -> writer.write(new byte[1])).isInstanceOf(IllegalStateException.class);
  }
}

package dev.stoker.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's test data ({@code stoker.testdata.dir}, or {@code ../testdata}) and its
 * manifest, and plain readers of what the tools write.
 */
final class Shared {
  static final Path DIR = Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));

  private Shared() {}

  static Path file(String relative) {
    return DIR.resolve(relative);
  }

  static JsonObject manifest() {
    try {
      return JsonParser.parseString(Files.readString(DIR.resolve("manifest.json")))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonObject> tfrecordFiles() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e :
        manifest().getAsJsonObject("tensorflow").getAsJsonArray("tfrecord_files")) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  static JsonObject entry(String relative) {
    return tfrecordFiles().stream()
        .filter(f -> f.get("file").getAsString().equals(relative))
        .findFirst()
        .orElseThrow();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }

  /** Every record payload of a TFRecord file, in order. */
  static List<byte[]> records(Path file, TfRecordCompression compression) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (TfRecordReader reader =
        TfRecordReader.open(
            file, TfRecordReaderOptions.builder().compression(compression).build())) {
      while (reader.next()) {
        out.add(reader.record().toArray(ValueLayout.JAVA_BYTE));
      }
    }
    return out;
  }

  /** The shards in a folder whose names start with a prefix, sorted. */
  static List<Path> shards(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".tfrecord"))
          .sorted()
          .toList();
    }
  }

  /** One decoded image record in the ImageNet conversion schema. */
  @SuppressWarnings("ArrayRecordComponent") // read once, never compared as a whole
  record ImageRecord(
      byte[] encoded,
      String format,
      long label,
      String text,
      long height,
      long width,
      String filename) {}

  static ImageRecord imageRecord(byte[] payload) throws IOException {
    ExampleReader r = new ExampleReader().wrap(MemorySegment.ofArray(payload));
    FeatureView v = new FeatureView();
    return new ImageRecord(
        bytes(r, v, "image/encoded"),
        new String(bytes(r, v, "image/format"), StandardCharsets.UTF_8),
        int64(r, v, "image/class/label"),
        new String(bytes(r, v, "image/class/text"), StandardCharsets.UTF_8),
        int64(r, v, "image/height"),
        int64(r, v, "image/width"),
        new String(bytes(r, v, "image/filename"), StandardCharsets.UTF_8));
  }

  private static byte[] bytes(ExampleReader r, FeatureView v, String key) throws IOException {
    if (!r.find(key, v) || v.count() != 1) {
      throw new AssertionError("feature " + key + " missing or not one value");
    }
    return v.bytes(0).toArray(ValueLayout.JAVA_BYTE);
  }

  private static long int64(ExampleReader r, FeatureView v, String key) throws IOException {
    if (!r.find(key, v) || v.count() != 1) {
      throw new AssertionError("feature " + key + " missing or not one value");
    }
    return v.int64(0);
  }
}

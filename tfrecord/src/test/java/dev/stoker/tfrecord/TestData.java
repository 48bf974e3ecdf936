package dev.stoker.tfrecord;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

/**
 * The repository's test data written by TensorFlow, and its manifest: the {@code
 * stoker.testdata.dir} system property Surefire sets, or {@code ../testdata} from the module.
 */
public final class TestData {
  private static final Path DIR = Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));
  private static JsonObject manifest;

  private TestData() {}

  public static Path file(String relative) {
    return DIR.resolve(relative);
  }

  public static synchronized JsonObject manifest() {
    if (manifest == null) {
      try {
        manifest =
            JsonParser.parseString(
                    Files.readString(DIR.resolve("manifest.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest;
  }

  /** Every TFRecord file entry of the manifest. */
  public static List<JsonObject> tfrecordFiles() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e :
        manifest().getAsJsonObject("tensorflow").getAsJsonArray("tfrecord_files")) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  public static List<JsonObject> validFiles() {
    return tfrecordFiles().stream().filter(f -> !f.has("corruption")).toList();
  }

  public static List<JsonObject> corruptFiles() {
    return tfrecordFiles().stream().filter(f -> f.has("corruption")).toList();
  }

  public static JsonObject entry(String relative) {
    return tfrecordFiles().stream()
        .filter(f -> f.get("file").getAsString().equals(relative))
        .findFirst()
        .orElseThrow();
  }

  public static List<JsonObject> records(JsonObject file) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray records = file.getAsJsonArray("records");
    if (records != null) {
      for (JsonElement e : records) {
        out.add(e.getAsJsonObject());
      }
    }
    return out;
  }

  public static TfRecordCompression compression(JsonObject file) {
    return TfRecordCompression.valueOf(file.get("compression").getAsString());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  public static String sha256(MemorySegment bytes) {
    return sha256(bytes.toArray(ValueLayout.JAVA_BYTE));
  }

  public static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every payload of a valid file with our reader, after checking the manifest's hashes. */
  public static List<byte[]> payloads(String relative) throws IOException {
    JsonObject entry = entry(relative);
    List<JsonObject> expected = records(entry);
    List<byte[]> out = new ArrayList<>();
    TfRecordReaderOptions options =
        TfRecordReaderOptions.builder().compression(compression(entry)).build();
    try (TfRecordReader reader = TfRecordReader.open(file(relative), options)) {
      while (reader.next()) {
        byte[] payload = reader.record().toArray(ValueLayout.JAVA_BYTE);
        String want = expected.get(out.size()).get("sha256").getAsString();
        if (!sha256(payload).equals(want)) {
          throw new AssertionError(relative + " record " + out.size() + " hash mismatch");
        }
        out.add(payload);
      }
    }
    if (out.size() != entry.get("record_count").getAsInt()) {
      throw new AssertionError(relative + " record count " + out.size());
    }
    return out;
  }
}

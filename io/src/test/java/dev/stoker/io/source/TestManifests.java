package dev.stoker.io.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@code manifest.json} of the shape {@code tfrecord-convert} writes (a tool name, and per
 * split the shards with file name, count and bytes), for shards a test wrote itself.
 */
final class TestManifests {
  private TestManifests() {}

  /** Writes the manifest of {@code counts} (file name to record count) into {@code dir}. */
  static void write(Path dir, Map<String, Long> counts) throws IOException {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"tool\": \"stoker tfrecord-convert\",\n  \"splits\": {\n");
    json.append("    \"train\": {\n      \"shards\": [");
    String sep = "\n";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      json.append(sep)
          .append("        {\"file\": \"")
          .append(e.getKey())
          .append("\", \"count\": ")
          .append(e.getValue())
          .append(", \"bytes\": ")
          .append(Files.size(dir.resolve(e.getKey())))
          .append(", \"classes\": {\"a\": 1}}");
      sep = ",\n";
    }
    json.append("\n      ]\n    }\n  },\n  \"skipped\": []\n}\n");
    Files.writeString(dir.resolve("manifest.json"), json, StandardCharsets.UTF_8);
  }
}

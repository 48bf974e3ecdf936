package dev.stoker.io.source;

import dev.stoker.core.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The repository's test data folder and its manifest: the {@code stoker.testdata.dir} system
 * property Surefire sets, or {@code ../testdata} from the module.
 */
final class SharedData {
  private SharedData() {}

  static Path dir() {
    return Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> manifest() throws IOException {
    return (Map<String, Object>) Json.parse(Files.readString(dir().resolve("manifest.json")));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

package dev.stoker.decode;

import dev.stoker.core.testing.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the repository's test data lives ({@code testdata/}, written by {@code
 * testdata/generate.py} with Pillow, TensorFlow and libjpeg-turbo), and its manifest.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * Returns the test data directory: the {@code stoker.testdata.dir} system property Surefire sets,
   * or {@code ../testdata} from the module directory.
   */
  public static Path root() {
    return Path.of(System.getProperty("stoker.testdata.dir", "../testdata"))
        .toAbsolutePath()
        .normalize();
  }

  public static Path testdata(String relative) {
    return root().resolve(relative);
  }

  /** The parsed {@code manifest.json}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> manifest() {
    try {
      return (Map<String, Object>) Json.parse(Files.readString(root().resolve("manifest.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The manifest entries of one list in its {@code jpeg} section: photos, imagenet_like, variants.
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> jpegEntries(String list) {
    Map<String, Object> jpeg = (Map<String, Object>) manifest().get("jpeg");
    return (List<Map<String, Object>>) jpeg.get(list);
  }

  /** The manifest entry of one file of the {@code jpeg} section. */
  public static Map<String, Object> jpegEntry(String file) {
    for (String list : new String[] {"photos", "imagenet_like", "variants"}) {
      for (Map<String, Object> e : jpegEntries(list)) {
        if (e.get("file").equals(file)) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException("not in the manifest: " + file);
  }

  /** The JPEG files of a folder, sorted by name. */
  public static List<Path> jpegs(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(
              p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jpg"))
          .sorted()
          .toList();
    }
  }

  /** SHA-256 of the bytes, in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

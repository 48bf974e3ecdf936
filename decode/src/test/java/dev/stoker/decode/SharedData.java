package dev.stoker.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the shared, read-only test data and corpus live. */
public final class SharedData {
  private SharedData() {}

  /**
   * Returns the shared directory: the {@code stoker.shared.dir} system property Surefire sets, or
   * {@code ../shared}.
   */
  public static Path root() {
    return Path.of(System.getProperty("stoker.shared.dir", "../shared"))
        .toAbsolutePath()
        .normalize();
  }

  public static Path testdata(String relative) {
    return root().resolve("testdata").resolve(relative);
  }

  public static Path corpus(String relative) {
    return root().resolve("corpus").resolve(relative);
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
}

package dev.stoker.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Stoker's version, which the build writes into core's {@code version.properties} (a filtered
 * resource), so the command-line tools' {@code --version} is right in their shaded jars and on a
 * test class path alike. Stateless.
 */
public final class StokerVersion {
  private StokerVersion() {}

  /**
   * Returns the project version.
   *
   * @return the version, such as {@code 0.1.0}
   * @throws IllegalStateException when the build did not write the resource
   */
  public static String current() {
    try (InputStream in = StokerVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.stoker.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project version, which the build writes into {@code version.properties} (a filtered
 * resource), so {@code --version} is right in the jar and on the test class path alike. Stateless.
 */
public final class ToolVersion {
  private ToolVersion() {}

  /**
   * Returns the project version.
   *
   * @return the version, such as {@code 0.1.0}
   * @throws IllegalStateException when the build did not write the resource
   */
  public static String projectVersion() {
    try (InputStream in =
        ToolVersion.class.getResourceAsStream("/dev/stoker/cli/version.properties")) {
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

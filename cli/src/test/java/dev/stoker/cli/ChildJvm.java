package dev.stoker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one of our tools in a child JVM under operating-system limits ({@code ulimit}), with a small
 * heap and little direct memory, and measures its peak resident memory with {@code /usr/bin/time}.
 */
final class ChildJvm {
  private static final Pattern PEAK = Pattern.compile("peak-rss-kib=(\\d+)");

  /** What a child run printed, and how much memory it held at its peak. */
  record Run(int status, String out, String err, long peakRssKib) {}

  private ChildJvm() {}

  /**
   * Starts the tool: {@code ulimits} is a shell fragment such as {@code ulimit -n 256}, applied to
   * the JVM alone.
   */
  static Process start(Path dir, String ulimits, String mainClass, List<String> args)
      throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/time")) && Files.isExecutable(Path.of("/bin/bash")),
        "needs GNU time (/usr/bin/time) and bash to run a limited child JVM and measure its peak RSS");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of("/usr/bin/time", "-o", dir.resolve("peak").toString(), "-f", "peak-rss-kib=%M"));
    command.addAll(List.of("bash", "-c", ulimits + " && exec \"$0\" \"$@\""));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx64m",
            "-XX:MaxDirectMemorySize=64m",
            "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:CompressedClassSpaceSize=128m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    return builder
        .redirectOutput(dir.resolve("child.out").toFile())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
  }

  /** Runs the tool to its end; a bounded run ends, so a test that hangs here found a bug. */
  static Run run(Path dir, String ulimits, String mainClass, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process process = start(dir, ulimits, mainClass, List.of(args));
    int status = process.waitFor();
    String times = Files.readString(dir.resolve("peak"));
    Matcher m = PEAK.matcher(times);
    if (!m.find()) {
      throw new AssertionError("/usr/bin/time wrote " + times);
    }
    return new Run(
        status,
        Files.readString(dir.resolve("child.out")),
        Files.readString(dir.resolve("child.err")),
        Long.parseLong(m.group(1)));
  }
}

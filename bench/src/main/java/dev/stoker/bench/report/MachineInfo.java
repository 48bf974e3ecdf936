package dev.stoker.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tensorflow.TensorFlow;

/**
 * The machine a report ran on.
 *
 * @param cpu the CPU model
 * @param cores the processors the JVM may use
 * @param jdk the JDK's vendor and version
 * @param turboJpeg libjpeg-turbo's package version, or how it was found
 * @param tensorFlow TensorFlow's version, as TensorFlow Java reports it
 * @param loadAverage the 1-minute load average when the run started
 */
public record MachineInfo(
    String cpu, int cores, String jdk, String turboJpeg, String tensorFlow, String loadAverage) {

  /**
   * Describes this machine.
   *
   * @return the description
   */
  public static MachineInfo current() {
    return new MachineInfo(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.vendor") + " " + Runtime.version(),
        turboJpegVersion(),
        TensorFlow.version(),
        firstWord(Path.of("/proc/loadavg")));
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return System.getProperty("os.arch");
  }

  private static String turboJpegVersion() {
    try {
      Process p =
          new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "libturbojpeg0")
              .redirectErrorStream(true)
              .start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0 && !v.isEmpty()) {
        return "libturbojpeg0 " + v + " (dpkg)";
      }
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown (no dpkg record of libturbojpeg0)";
  }

  private static String firstWord(Path file) {
    try {
      return Files.readString(file).split(" ", 2)[0].toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown";
    }
  }
}

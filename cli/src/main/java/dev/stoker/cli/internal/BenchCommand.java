package dev.stoker.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code stoker bench}: runs the benchmark suite of {@code stoker-bench} (Stoker against tf.data,
 * the plain JDK and its own kernel, jobs G and P) in a child JVM on the benchmarks jar, so {@code
 * stoker.jar} carries neither JMH nor a benchmark. The jar comes from the system property {@value
 * #JAR_PROPERTY}, which {@code bin/stoker} sets after building {@code bench/target/benchmarks.jar}
 * on first use; {@code java -cp benchmarks.jar dev.stoker.bench.report.BenchCommand} runs it
 * directly.
 *
 * <p>The child's output is copied to this command's streams; its exit status is this command's.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    customSynopsis = "stoker bench [-hV] [ARG...]",
    description = {
      "measure Stoker against tf.data and the plain JDK; write a report",
      "",
      "Runs the benchmark suite from the benchmarks jar (bench/target/benchmarks.jar, which"
          + " bin/stoker builds on first use; elsewhere pass -D"
          + BenchCommand.JAR_PROPERTY
          + "=PATH) in a child JVM and writes report.md, sweep.png and jmh-*.json. Every ARG goes"
          + " to the suite as it is; the suite's own help lists its options:",
      "  java -cp benchmarks.jar " + BenchCommand.MAIN + " --help"
    })
public final class BenchCommand implements ToolCommand {
  /** The system property naming the benchmarks jar. */
  public static final String JAR_PROPERTY = "stoker.bench.jar";

  static final String MAIN = "dev.stoker.bench.report.BenchCommand";

  @Unmatched List<String> suiteArguments = new ArrayList<>();

  /** Creates the command. */
  public BenchCommand() {}

  @Override
  public int run(PrintStream out, PrintStream err) {
    Path jar = benchmarksJar();
    if (jar == null) {
      err.println(
          "stoker bench: "
              + JAR_PROPERTY
              + "="
              + System.getProperty(JAR_PROPERTY, "")
              + " (expected: the benchmarks jar; bin/stoker builds bench/target/benchmarks.jar"
              + " and sets it)");
      return Dispatch.USAGE;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    // The resize kernel's vector pass (bin/stoker passes the same flag to this JVM).
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-cp");
    command.add(jar.toString());
    command.add(MAIN);
    command.addAll(suiteArguments);
    try {
      Process child =
          new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
      Thread errors =
          Thread.ofPlatform()
              .name("stoker-bench-stderr")
              .start(() -> copy(child.getErrorStream(), err));
      copy(child.getInputStream(), out);
      int status = child.waitFor();
      errors.join();
      return status;
    } catch (IOException e) {
      err.println("stoker bench: " + jar + ": " + e.getMessage() + " (expected: a runnable JVM)");
      return Dispatch.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("stoker bench: interrupted");
      return Dispatch.FAILED;
    }
  }

  private static @Nullable Path benchmarksJar() {
    String property = System.getProperty(JAR_PROPERTY);
    if (property == null || property.isBlank()) {
      return null;
    }
    Path jar = Path.of(property);
    return Files.isRegularFile(jar) ? jar : null;
  }

  private static void copy(InputStream from, PrintStream to) {
    try (from) {
      from.transferTo(to);
      to.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

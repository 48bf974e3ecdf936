package dev.stoker.cli.internal;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code stoker bench}: the benchmark suite of {@code stoker-bench} (Stoker against tf.data, the
 * plain JDK and its own kernel, jobs G and P) run through JMH's Java API, writing {@code
 * report.md}, {@code sweep.png} and JMH's JSON. JMH's forks inherit this JVM's class path, which is
 * {@code stoker.jar}: it carries the benchmarks and JMH's benchmark list.
 */
public final class BenchCommand implements Command {
  /** Creates the command. */
  public BenchCommand() {}

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "measure Stoker against tf.data and the plain JDK; write a report";
  }

  @Override
  public String usage() {
    return dev.stoker.bench.report.BenchCommand.USAGE;
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return dev.stoker.bench.report.BenchCommand.run(argv, out, err);
  }
}

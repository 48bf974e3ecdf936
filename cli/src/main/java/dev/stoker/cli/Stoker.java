package dev.stoker.cli;

import dev.stoker.cli.demo.DemoCommand;
import dev.stoker.cli.internal.BenchCommand;
import dev.stoker.cli.internal.Command;
import dev.stoker.cli.internal.Dispatch;
import dev.stoker.cli.internal.DumpCommand;
import dev.stoker.cli.internal.IndexCommand;
import dev.stoker.cli.internal.InspectCommand;
import dev.stoker.cli.internal.VerifyCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stoker} tool: {@code stoker COMMAND [ARGS]}, with one {@link Command} per word.
 *
 * <pre>{@code
 * stoker inspect shard-00000-of-00004.tfrecord --format summary
 * stoker verify data/*.tfrecord            # exit 1 and one line per damaged file
 * stoker index data/*.tfrecord             # DALI index files beside the shards
 * stoker dump --source data/ --size 224x224 --out images.bin   # raw NHWC, source order
 * }</pre>
 *
 * <p>{@link #run} is the in-process entry point (tests call it); {@link #main} calls it and exits
 * with its status. Exit statuses: 0 success, 1 bad or damaged data or failed I/O, 2 a bad command
 * line (with a one-line message on stderr).
 */
public final class Stoker {
  private Stoker() {}

  /**
   * The commands, in the order {@code --help} lists them. {@code bench} runs the benchmarks jar in
   * a child JVM: stoker.jar carries no benchmark.
   */
  private static Map<String, Command> commands() {
    Map<String, Command> map = new LinkedHashMap<>();
    for (Command c :
        List.of(
            new InspectCommand(),
            new VerifyCommand(),
            new IndexCommand(),
            new DumpCommand(),
            new DemoCommand(),
            new BenchCommand())) {
      map.put(c.name(), c);
    }
    return map;
  }

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /**
   * Runs the tool in-process.
   *
   * @param args the command line: a command's name, then its arguments
   * @param out where results go
   * @param err where progress and errors go
   * @return the exit status
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    if (args.isEmpty()) {
      err.println(
          "stoker: no command given (expected: one of "
              + String.join(", ", commands.keySet())
              + "; see --help)");
      return Dispatch.USAGE;
    }
    String word = args.getFirst();
    if (word.equals("--help") || word.equals("-h") || word.equals("help")) {
      out.print(usage(commands));
      return Dispatch.OK;
    }
    Command command = commands.get(word);
    if (command == null) {
      err.println(
          "stoker: command="
              + word
              + " (expected: one of "
              + String.join(", ", commands.keySet())
              + "; see --help)");
      return Dispatch.USAGE;
    }
    return Dispatch.run("stoker", command, args.subList(1, args.size()), out, err);
  }

  private static String usage(Map<String, Command> commands) {
    StringBuilder b =
        new StringBuilder("usage: stoker COMMAND [ARGS]   (stoker COMMAND --help for more)\n\n");
    for (Command c : commands.values()) {
      b.append(String.format("  %-9s %s%n", c.name(), c.summary()));
    }
    b.append("\nSee also: tfrecord-convert --help\n");
    return b.toString();
  }
}

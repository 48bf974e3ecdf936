package dev.stoker.cli;

import dev.stoker.cli.demo.DemoCommand;
import dev.stoker.cli.internal.BenchCommand;
import dev.stoker.cli.internal.ConvertCommand;
import dev.stoker.cli.internal.Dispatch;
import dev.stoker.cli.internal.DumpCommand;
import dev.stoker.cli.internal.IndexCommand;
import dev.stoker.cli.internal.InspectCommand;
import dev.stoker.cli.internal.VerifyCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code stoker} tool: {@code stoker COMMAND [ARGS]}, one picocli subcommand per word.
 *
 * <pre>{@code
 * stoker inspect shard-00000-of-00004.tfrecord --format summary
 * stoker verify data/*.tfrecord            # exit 1 and one line per damaged file
 * stoker index data/*.tfrecord             # DALI index files beside the shards
 * stoker dump --source data/ --size=224x224 --out images.bin   # raw NHWC, source order
 * source <(stoker generate-completion)     # bash completion of commands and options
 * }</pre>
 *
 * <p>Every command takes {@code --name value} and {@code --name=value}, {@code --help} and {@code
 * --version}. {@link #run} is the in-process entry point (tests call it); {@link #main} calls it
 * and exits with its status. Exit statuses: 0 success (and help), 1 bad or damaged data or failed
 * I/O, 2 a bad command line (with a one-line message on stderr).
 */
public final class Stoker {
  private Stoker() {}

  /** The root command: no options of its own beyond help and version. */
  @Command(
      name = "stoker",
      mixinStandardHelpOptions = true,
      description = "Reads, checks, converts and benchmarks training data for Stoker.",
      footer =
          "Exit status: 0 success, 1 bad or damaged data or a failed I/O, 2 a bad command line."
              + " stoker COMMAND --help describes each command.")
  private static final class Root {}

  /** The tool's command line, in the order {@code --help} lists the commands. */
  private static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Root());
    // bench runs the benchmarks jar in a child JVM: stoker.jar carries no benchmark.
    for (Object command :
        List.of(
            new InspectCommand(),
            new VerifyCommand(),
            new IndexCommand(),
            new DumpCommand(),
            new DemoCommand(),
            new BenchCommand(),
            new ConvertCommand())) {
      cli.addSubcommand(command);
    }
    cli.addSubcommand(new AutoComplete.GenerateCompletion());
    cli.addSubcommand(new HelpCommand());
    cli.getSubcommands()
        .get("generate-completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(false)
        .description("print a bash/zsh completion script: source <(stoker generate-completion)");
    return Dispatch.style(cli);
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
    return Dispatch.run(commandLine(), args, out, err);
  }
}

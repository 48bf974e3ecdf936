package dev.stoker.cli;

import dev.stoker.cli.internal.ConvertCommand;
import dev.stoker.cli.internal.Dispatch;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code tfrecord-convert} tool: a dataset in, balanced and shuffled TFRecord shards out; also
 * {@code stoker tfrecord-convert}.
 *
 * <pre>{@code
 * tfrecord-convert ~/data/cars --out ~/data/cars-tfr --split 0.8,0.1,0.1 --seed 42 --shards 8
 * }</pre>
 *
 * <p>{@link #run} is the in-process entry point (tests call it); {@link #main} calls it and exits
 * with its status. {@code tfrecord-convert --help} lists every option.
 */
public final class TfRecordConvert {
  private TfRecordConvert() {}

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
   * @param args the command line
   * @param out where the summary goes
   * @param err where progress, skipped images and errors go
   * @return the exit status: 0 done, 1 nothing written or a strict stop or an I/O error, 2 a bad
   *     command line
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return Dispatch.run(Dispatch.style(new CommandLine(new ConvertCommand())), args, out, err);
  }
}

package dev.stoker.bench.report;

import dev.stoker.bench.JobBenchmark;
import dev.stoker.bench.TrainingJobBenchmark;
import dev.stoker.bench.peer.JobShard;
import dev.stoker.core.StokerVersion;
import dev.stoker.core.error.ErrorLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code stoker bench}: runs the comparison suite through JMH's Java API and writes, into the
 * output folder, JMH's JSON per run ({@code jmh-*.json}), {@code report.md} and {@code sweep.png}.
 *
 * <pre>
 *  shards (G, P) ─► output check G ─► PSNR P ─► startup probes (fresh JVMs)
 *       ─► JMH rounds: G {stoker, tfdata, jdk} · G ceiling · P {…} · P ceiling, 3× alternating
 *       ─► sweep workers × prefetch + AUTO ─► paced consumer: AUTO and the best hand-picked
 *       ─► report.md + sweep.png
 * </pre>
 *
 * <p><b>Time.</b> Full mode runs 34 JMH benchmarks in the rounds (round 1 every tf.data
 * configuration, rounds 2 and 3 only the one round 1 found fastest, for P the fastest qualifying),
 * 15 in the sweep and the paced runs, each 2 × 3 s warm-up + 3 × 3 s measured + about 5 s of fork
 * start: about 17 minutes, plus 2 for the checks and probes, on an idle 2-core machine (see
 * docs/benchmarks/README.md). With more cores the sweep grows by one worker count.
 *
 * <p>{@link #main} exits with the status {@link #run} returns: 0 on success (and for {@code --help}
 * and {@code --version}), 1 when a check failed or a file could not be written, 2 on a bad command
 * line. {@link BenchArguments} is the command line, parsed by picocli. The JMH forks inherit this
 * JVM's class path, so run it from {@code benchmarks.jar} (or {@code bin/stoker bench}).
 */
public final class BenchCommand {
  /** Crops each sampler draws for job T's distribution check. */
  private static final int CROPS = 5000;

  private BenchCommand() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Runs the command.
   *
   * @param argv the arguments after {@code bench}
   * @param out where the report's summary goes
   * @param err where progress and errors go
   * @return the exit status
   */
  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    BenchSettings settings;
    CommandLine cli = commandLine(out, err);
    try {
      ParseResult parsed = cli.parseArgs(argv.toArray(String[]::new));
      if (CommandLine.printHelpIfRequested(parsed)) {
        cli.getOut().flush();
        return 0;
      }
      settings = ((BenchArguments) cli.getCommand()).settings();
    } catch (ParameterException e) {
      err.println("stoker bench: " + message(e) + " (see --help)");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("stoker bench: " + e.getMessage() + " (see --help)");
      return 2;
    }
    try {
      Files.createDirectories(settings.out());
      BenchData data = BenchData.resolve(settings, err);
      BenchResults results = measure(settings, data, err);
      Path report = new MarkdownReport(settings, data, results).write();
      SweepChart.write(results.sweep(), settings, settings.out().resolve("sweep.png"));
      out.println("wrote " + report.toAbsolutePath());
      for (String line : results.summary()) {
        out.println(line);
      }
      return results.outputCheck().passed() ? 0 : 1;
    } catch (IOException | RunnerException | RuntimeException e) {
      err.println("stoker bench: error: " + ErrorLine.of(e));
      return 1;
    }
  }

  /**
   * Parses a command line into settings.
   *
   * @param argv the arguments after {@code bench}
   * @return the settings
   * @throws IllegalArgumentException when an argument is unknown, malformed or out of range
   */
  static BenchSettings parse(List<String> argv) {
    CommandLine cli = commandLine(System.out, System.err);
    try {
      cli.parseArgs(argv.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new IllegalArgumentException(message(e), e);
    }
    return ((BenchArguments) cli.getCommand()).settings();
  }

  private static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli =
        new CommandLine(new BenchArguments())
            .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
            .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.getCommandSpec().version("stoker bench " + StokerVersion.current());
    return cli;
  }

  /** picocli's words for the syntax; {@code --name=value (expected: …)} for a malformed value. */
  private static String message(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException
        && e.getArgSpec() instanceof OptionSpec option
        && e.getValue() != null) {
      String expected =
          option.type() == int.class
              ? "an integer"
              : "no value: " + option.longestName() + " is a switch";
      return option.longestName() + "=" + e.getValue() + " (expected: " + expected + ")";
    }
    return String.valueOf(e.getMessage());
  }

  static BenchResults measure(BenchSettings s, BenchData data, PrintStream err)
      throws IOException, RunnerException {
    Files.createDirectories(s.out());
    Path shards = Files.createTempDirectory(s.out(), "shards");
    try {
      MachineInfo machine = MachineInfo.current();
      Path g = JobShard.prepare(data.source(), shards, s.limit());
      Path p = JobShard.prepare(data.photos(), shards, s.limit());
      err.println("bench: job G output check (Stoker vs tf.data, every image of " + g + ")");
      OutputCheck.Result check = OutputCheck.run(g, s.size(), s.workers());
      err.println("bench: " + check);
      OutputCheck.Result fastCheck = OutputCheck.run(g, s.size(), s.workers(), true);
      err.println("bench: with the fast IDCT on both sides: " + fastCheck);
      err.println("bench: job P PSNR against an antialiased resize of the full decode");
      PsnrCheck.Result psnr = PsnrCheck.run(p, s.size(), s.workers());
      err.println("bench: " + psnr);
      err.println("bench: job T crop distributions, Stoker vs TensorFlow's op (KS test)");
      CropDistribution.Result crops = CropDistribution.run(g, CROPS, 1);
      err.println("bench: job G's shapes: " + crops);
      CropDistribution.Result photoCrops = CropDistribution.run(p, CROPS, 1);
      err.println("bench: the photos' shapes: " + photoCrops);
      List<StartupSample> startup = new ArrayList<>();
      int probes = s.quick() ? 1 : 3;
      for (int i = 0; i < probes; i++) {
        for (String engine : List.of("stoker", "tfdata")) {
          startup.add(StartupSample.probe(engine, g, s, err));
        }
      }
      List<String> tfCalls = s.quick() ? List.of("workers") : List.of("workers", "autotune");
      List<String> tfDct =
          s.quick() ? List.of("INTEGER_ACCURATE") : List.of("INTEGER_ACCURATE", "default");
      // Alternating rounds: every engine of G, then of P, then again, so that a change of load
      // during the run hits every engine of a job alike; ratios are per-round medians.
      int rounds = s.quick() ? 1 : 3;
      List<List<RunResult>> roundsG = new ArrayList<>();
      List<List<RunResult>> roundsP = new ArrayList<>();
      List<List<RunResult>> roundsT = new ArrayList<>();
      List<List<RunResult>> roundsTPhotos = new ArrayList<>();
      List<String> ratioG = List.of("1");
      List<String> ratioP =
          psnr.tfDataRatio() == 1 ? ratioG : List.of("1", Integer.toString(psnr.tfDataRatio()));
      List<String> loads = new ArrayList<>();
      List<String> callsG = tfCalls;
      List<String> dctG = tfDct;
      List<String> callsP = tfCalls;
      List<String> dctP = tfDct;
      for (int round = 1; round <= rounds; round++) {
        String tag = rounds == 1 ? "" : "-r" + round;
        loads.add(MachineInfo.current().loadAverage());
        List<RunResult> jobG = new ArrayList<>();
        jobG.addAll(
            jmh(
                s,
                "G" + tag,
                g,
                "full",
                "(stoker|tfdata|jdk)",
                s.batch(),
                1,
                callsG,
                dctG,
                ratioG,
                err));
        jobG.addAll(
            jmh(
                s,
                "G-ceiling" + tag,
                g,
                "full",
                "ceiling",
                s.batch(),
                s.workers(),
                tfCalls,
                tfDct,
                ratioG,
                err));
        roundsG.add(jobG);
        List<RunResult> jobP = new ArrayList<>();
        jobP.addAll(
            jmh(
                s,
                "P" + tag,
                p,
                "auto",
                "(stoker|tfdata|jdk)",
                s.photoBatch(),
                1,
                callsP,
                dctP,
                ratioP,
                err));
        jobP.addAll(
            jmh(
                s,
                "P-ceiling" + tag,
                p,
                "auto",
                "ceiling",
                s.photoBatch(),
                s.workers(),
                tfCalls,
                tfDct,
                ratioP,
                err));
        roundsP.add(jobP);
        if (round == 1) {
          // Later rounds measure only tf.data's fastest configuration of round 1 (for P the
          // fastest whose PSNR qualifies): the search is done once, the alternation repeated.
          var bestG = BenchResults.fastestTfData(jobG, x -> true);
          var bestP = BenchResults.fastestTfData(jobP, BenchResults.qualifyingForP(psnr));
          if (bestG.isPresent()) {
            callsG = List.of(BenchResults.param(bestG.get(), "tfCalls"));
            dctG = List.of(BenchResults.param(bestG.get(), "tfDct"));
          }
          if (bestP.isPresent()) {
            callsP = List.of(BenchResults.param(bestP.get(), "tfCalls"));
            dctP = List.of(BenchResults.param(bestP.get(), "tfDct"));
            ratioP = List.of(Integer.toString(BenchResults.tfRatio(bestP.get())));
          }
        }
        roundsT.add(new ArrayList<>(jmhTraining(s, "T" + tag, g, s.batch(), tfCalls, err)));
        roundsTPhotos.add(
            new ArrayList<>(jmhTraining(s, "T-photos" + tag, p, s.photoBatch(), tfCalls, err)));
      }
      loads.add(MachineInfo.current().loadAverage());
      List<RunResult> sweep = sweep(s, g, err);
      RunResult best = BenchResults.bestHandPicked(sweep).orElseThrow();
      double capacity = BenchResults.secondary(best, "images");
      int step =
          s.stepMillis() > 0
              ? s.stepMillis()
              : (int) Math.ceil(1000.0 * s.batch() / (PACED_SHARE * capacity));
      List<RunResult> paced = new ArrayList<>();
      paced.addAll(stokerRun(s, "paced-auto", g, List.of(0), List.of(0), step, err));
      paced.addAll(
          stokerRun(
              s,
              "paced",
              g,
              List.of(Integer.parseInt(BenchResults.param(best, "workers"))),
              List.of(Integer.parseInt(BenchResults.param(best, "prefetch"))),
              step,
              err));
      loads.add(MachineInfo.current().loadAverage());
      return new BenchResults(
          machine,
          check,
          fastCheck,
          psnr,
          startup,
          roundsG.getLast(),
          roundsP.getLast(),
          sweep,
          paced,
          step,
          roundsG,
          roundsP,
          loads,
          roundsT,
          roundsTPhotos,
          crops,
          photoCrops);
    } finally {
      JobShard.deleteTree(shards);
    }
  }

  private static ChainedOptionsBuilder base(BenchSettings s, String name) {
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .forks(s.forks())
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(s.out().resolve("jmh-" + name + ".json").toString())
            .output(s.out().resolve("jmh-" + name + ".log").toString());
    if (s.quick()) {
      b.warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(s.iterationMillis() / 2))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(s.iterationMillis()));
    } else {
      b.warmupIterations(2)
          .warmupTime(TimeValue.seconds(3))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(3))
          .addProfiler(GCProfiler.class);
    }
    return b;
  }

  private static Collection<RunResult> jmh(
      BenchSettings s,
      String name,
      Path shard,
      String dct,
      String methods,
      int batch,
      int threads,
      List<String> tfCalls,
      List<String> tfDct,
      List<String> tfRatio,
      PrintStream err)
      throws RunnerException {
    err.println(
        "bench: JMH run " + name + " (log in " + s.out().resolve("jmh-" + name + ".log") + ")");
    return new Runner(
            base(s, name)
                .include(Pattern.quote(JobBenchmark.class.getName()) + "\\." + methods + "$")
                .threads(threads)
                .param("source", shard.toString())
                .param("size", Integer.toString(s.size()))
                .param("batch", Integer.toString(batch))
                .param("workers", Integer.toString(s.workers()))
                .param("prefetch", Integer.toString(s.prefetch()))
                .param("dct", dct)
                .param("stepMillis", "0")
                .param("tfCalls", tfCalls.toArray(String[]::new))
                .param("tfDct", tfDct.toArray(String[]::new))
                .param("tfRatio", tfRatio.toArray(String[]::new))
                .build())
        .run();
  }

  /** The share of the best configuration's capacity the paced consumer needs. */
  static final double PACED_SHARE = 0.70;

  /** Job T: Stoker and tf.data with the training preprocessing ({@link TrainingJobBenchmark}). */
  private static Collection<RunResult> jmhTraining(
      BenchSettings s, String name, Path shard, int batch, List<String> tfCalls, PrintStream err)
      throws RunnerException {
    err.println(
        "bench: JMH run " + name + " (log in " + s.out().resolve("jmh-" + name + ".log") + ")");
    return new Runner(
            base(s, name)
                .include(
                    Pattern.quote(TrainingJobBenchmark.class.getName()) + "\\.(stoker|tfdata)$")
                .threads(1)
                .param("source", shard.toString())
                .param("size", Integer.toString(s.size()))
                .param("batch", Integer.toString(batch))
                .param("workers", Integer.toString(s.workers()))
                .param("prefetch", Integer.toString(s.prefetch()))
                .param("stepMillis", "0")
                .param("tfCalls", tfCalls.toArray(String[]::new))
                .build())
        .run();
  }

  /**
   * The sweep: every hand-picked workers × prefetch with a consumer that takes each batch at once
   * (the pipeline's capacity), then the AUTO row ({@code workers = prefetch = 0}) alike.
   */
  private static List<RunResult> sweep(BenchSettings s, Path shard, PrintStream err)
      throws RunnerException {
    err.println(
        String.format(
            Locale.ROOT,
            "bench: JMH run sweep: workers %s × prefetch %s, then AUTO",
            s.sweepWorkers(),
            s.sweepPrefetch()));
    List<RunResult> out = new ArrayList<>();
    out.addAll(stokerRun(s, "sweep", shard, s.sweepWorkers(), s.sweepPrefetch(), 0, err));
    out.addAll(stokerRun(s, "sweep-auto", shard, List.of(0), List.of(0), 0, err));
    return out;
  }

  /** Stoker's pipeline alone over job G, for each workers × prefetch (0 = AUTO). */
  private static Collection<RunResult> stokerRun(
      BenchSettings s,
      String name,
      Path shard,
      List<Integer> workers,
      List<Integer> prefetch,
      int stepMillis,
      PrintStream err)
      throws RunnerException {
    err.println(
        "bench: JMH run " + name + " (log in " + s.out().resolve("jmh-" + name + ".log") + ")");
    return new Runner(
            base(s, name)
                .include(Pattern.quote(JobBenchmark.class.getName()) + "\\.stoker$")
                .threads(1)
                .param("source", shard.toString())
                .param("size", Integer.toString(s.size()))
                .param("batch", Integer.toString(s.batch()))
                .param("workers", workers.stream().map(String::valueOf).toArray(String[]::new))
                .param("prefetch", prefetch.stream().map(String::valueOf).toArray(String[]::new))
                .param("dct", "full")
                .param("stepMillis", Integer.toString(stepMillis))
                .build())
        .run();
  }

  /**
   * One fresh-JVM probe of time to first batch and peak resident memory.
   *
   * @param engine {@code stoker} or {@code tfdata}
   * @param firstBatchMillis from building the pipeline to holding the first batch
   * @param baseRssKiB resident memory before building
   * @param peakRssKiB peak resident memory after the batches
   */
  record StartupSample(String engine, double firstBatchMillis, long baseRssKiB, long peakRssKiB) {
    static StartupSample probe(String engine, Path shard, BenchSettings s, PrintStream err)
        throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd =
          List.of(
              java,
              "--enable-native-access=ALL-UNNAMED",
              "--add-modules=jdk.incubator.vector",
              "-Xmx2g",
              "-cp",
              System.getProperty("java.class.path"),
              StartupProbe.class.getName(),
              engine,
              shard.toString(),
              Integer.toString(s.size()),
              Integer.toString(s.batch()),
              Integer.toString(s.workers()),
              Integer.toString(s.prefetch()),
              Integer.toString(s.quick() ? 2 : 20));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status;
      try {
        status = p.waitFor();
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while probing " + engine, e);
      }
      var m =
          Pattern.compile("firstBatchMillis=([0-9.]+) baseRssKiB=(-?[0-9]+) peakRssKiB=(-?[0-9]+)")
              .matcher(output);
      if (status != 0 || !m.find()) {
        throw new IOException(
            "startup probe " + engine + " exited with " + status + ": " + tail(output));
      }
      StartupSample sample =
          new StartupSample(
              engine,
              Double.parseDouble(m.group(1)),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)));
      err.println("bench: startup " + sample);
      return sample;
    }

    private static String tail(String s) {
      return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
  }
}

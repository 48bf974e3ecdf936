package dev.stoker.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Everything one {@code stoker bench} run measured.
 *
 * <p><b>Units.</b> Every figure and ratio is in images per second, from each benchmark's {@code
 * images} counter. JMH's primary score is not: it counts batches for the consumers (stoker, tfdata,
 * jdk) and images for the ceiling, and Stoker's batches are smaller on average than the peers'
 * (each epoch ends with a partial batch, where tf.data repeats before batching), so batches/s would
 * flatter Stoker against the peers and confuse it with the ceiling.
 *
 * @param machine the machine
 * @param outputCheck job G's output check, accurate IDCT on both sides
 * @param fastDctCheck job G's output check, TensorFlow's default (fast) IDCT on both sides
 * @param psnr job P's quality
 * @param startup the fresh-JVM probes
 * @param jobG job G's JMH results (stoker, tfdata, jdk, ceiling) of the last round
 * @param jobP job P's JMH results of the last round
 * @param sweep Stoker's pipeline over workers × prefetch with a consumer that never waits on
 *     itself, the AUTO row ({@code workers = prefetch = 0}) last
 * @param paced AUTO, then the best hand-picked configuration of the sweep, with a consumer that
 *     needs less than 80 % of that configuration's capacity
 * @param pacedStepMillis the paced consumer's step per batch
 * @param roundsG job G's results, one list per alternating round
 * @param roundsP job P's results, one list per alternating round
 * @param loads the 1-minute load average at the start of each round, after the rounds and after the
 *     sweep and paced runs
 * @param roundsT job T (training preprocessing) on job G's data, one list per round
 * @param roundsTPhotos job T on job P's photos, one list per round
 * @param crops the crop-distribution check on job G's image shapes
 * @param photoCrops the same on the photos' shapes
 */
record BenchResults(
    MachineInfo machine,
    OutputCheck.Result outputCheck,
    OutputCheck.Result fastDctCheck,
    PsnrCheck.Result psnr,
    List<BenchCommand.StartupSample> startup,
    List<RunResult> jobG,
    List<RunResult> jobP,
    List<RunResult> sweep,
    List<RunResult> paced,
    int pacedStepMillis,
    List<List<RunResult>> roundsG,
    List<List<RunResult>> roundsP,
    List<String> loads,
    List<List<RunResult>> roundsT,
    List<List<RunResult>> roundsTPhotos,
    CropDistribution.Result crops,
    CropDistribution.Result photoCrops) {

  /** One engine's figure in a job. */
  record Figure(String engine, String config, double images, double error, double allocPerImage) {}

  static String method(RunResult r) {
    String b = r.getParams().getBenchmark();
    return b.substring(b.lastIndexOf('.') + 1);
  }

  static double secondary(RunResult r, String label) {
    @Nullable Result<?> res = r.getAggregatedResult().getSecondaryResults().get(label);
    return res == null ? Double.NaN : res.getScore();
  }

  static double secondaryError(RunResult r, String label) {
    @Nullable Result<?> res = r.getAggregatedResult().getSecondaryResults().get(label);
    return res == null ? Double.NaN : res.getScoreError();
  }

  static String param(RunResult r, String name) {
    String v = r.getParams().getParam(name);
    return v == null ? "" : v;
  }

  /** The images/s of each engine in a job; tf.data once per configuration. */
  static List<Figure> figures(List<RunResult> job) {
    List<Figure> out = new ArrayList<>();
    for (RunResult r : job) {
      String m = method(r);
      boolean training = r.getParams().getBenchmark().contains(".TrainingJobBenchmark.");
      String config =
          training
              ? trainingConfig(m, r)
              : switch (m) {
                case "tfdata" ->
                    "num_parallel_calls="
                        + param(r, "tfCalls")
                        + ", dct_method="
                        + param(r, "tfDct")
                        + (param(r, "tfRatio").equals("1") ? "" : ", ratio=" + param(r, "tfRatio"));
                case "stoker" -> "dct=" + param(r, "dct");
                case "ceiling" -> r.getParams().getThreads() + " threads, dct=" + param(r, "dct");
                default -> "";
              };
      double alloc = secondary(r, "gc.alloc.rate.norm");
      double perImage = m.equals("ceiling") ? alloc : alloc / Integer.parseInt(param(r, "batch"));
      out.add(new Figure(m, config, secondary(r, "images"), secondaryError(r, "images"), perImage));
    }
    return out;
  }

  /** The value of a counter in each measured iteration, per second. */
  static List<Double> iterations(RunResult r, String label) {
    List<Double> out = new ArrayList<>();
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        @Nullable Result<?> res = i.getSecondaryResults().get(label);
        if (res != null) {
          out.add(res.getScore());
        }
      }
    }
    return out;
  }

  /** Tells whether a sweep result is the AUTO row. */
  static boolean isAuto(RunResult r) {
    return param(r, "workers").equals("0");
  }

  /** The sweep's hand-picked configuration with the most images/s, if any. */
  static Optional<RunResult> bestHandPicked(List<RunResult> sweep) {
    return sweep.stream()
        .filter(r -> !isAuto(r))
        .max((a, b) -> Double.compare(secondary(a, "images"), secondary(b, "images")));
  }

  /**
   * The tf.data configurations that may stand as job P's peer: those whose PSNR against the
   * reference is no worse than Stoker's, or every one when none is.
   */
  static Predicate<RunResult> qualifyingForP(PsnrCheck.Result q) {
    boolean noneQualifies = noneQualifiesForP(q);
    return x -> noneQualifies || q.qualifies(tfRatio(x));
  }

  static boolean noneQualifiesForP(PsnrCheck.Result q) {
    return !q.qualifies(1) && (q.tfDataRatio() == 1 || !q.qualifies(q.tfDataRatio()));
  }

  static int tfRatio(RunResult x) {
    String v = param(x, "tfRatio");
    return v.isEmpty() ? 1 : Integer.parseInt(v);
  }

  /** The fastest tf.data result of a job that {@code keep} admits. */
  static Optional<RunResult> fastestTfData(List<RunResult> job, Predicate<RunResult> keep) {
    return job.stream()
        .filter(r -> method(r).equals("tfdata") && keep.test(r))
        .max((a, b) -> Double.compare(secondary(a, "images"), secondary(b, "images")));
  }

  private static String trainingConfig(String method, RunResult r) {
    return method.equals("tfdata")
        ? "official ResNet training preprocessing (DecodeAndCropJpeg), num_parallel_calls="
            + param(r, "tfCalls")
            + ", dct_method="
            + param(r, "tfDct")
        : "RandomResizedCrop (TensorFlow's sampler) + flip + mean/std, crop-aware DCT scale,"
            + " fastDct="
            + param(r, "fastDct");
  }

  static Optional<Figure> best(List<Figure> figures, String engine) {
    return figures.stream()
        .filter(f -> f.engine().equals(engine))
        .max((a, b) -> Double.compare(a.images(), b.images()));
  }

  /**
   * Stoker's ratio to the fastest of the peer's configurations that {@code keep} admits, or NaN
   * when either is missing.
   */
  static double ratio(List<RunResult> job, String peer, Predicate<RunResult> keep) {
    return ratio(job.stream().filter(r -> !method(r).equals(peer) || keep.test(r)).toList(), peer);
  }

  /** Stoker's ratio to a peer in a job, or NaN when either is missing. */
  static double ratio(List<RunResult> job, String peer) {
    List<Figure> f = figures(job);
    Optional<Figure> s = best(f, "stoker");
    Optional<Figure> p = best(f, peer);
    return s.isPresent() && p.isPresent() ? s.get().images() / p.get().images() : Double.NaN;
  }

  List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "job G (median of %d rounds): Stoker/tf.data %.2f×, Stoker/ceiling %.2f×, Stoker/JDK"
                + " %.2f×; output check %s (max |Δ| %.2g), with the fast IDCT %s (max |Δ| %.2g)",
            roundsG.size(),
            RoundRatio.of("", 0, roundsG, "tfdata").median(),
            RoundRatio.of("", 0, roundsG, "ceiling").median(),
            RoundRatio.of("", 0, roundsG, "jdk").median(),
            outputCheck.passed() ? "passed" : "FAILED",
            outputCheck.maxAbsDiff(),
            fastDctCheck.passed() ? "passed" : "FAILED",
            fastDctCheck.maxAbsDiff()));
    lines.add(
        String.format(
            Locale.ROOT,
            "job P (median of %d rounds): Stoker/tf.data %.2f×; PSNR Stoker %.2f dB, tf.data %.2f"
                + " dB",
            roundsP.size(),
            RoundRatio.of("", 0, roundsP, "tfdata").median(),
            psnr.stokerMean(),
            psnr.tfDataMean()));
    lines.add(
        String.format(
            Locale.ROOT,
            "job T (median of %d rounds): Stoker/tf.data %.2f× on job G's data, %.2f× on the"
                + " photos; %s",
            roundsT.size(),
            RoundRatio.of("", 0, roundsT, "tfdata").median(),
            RoundRatio.of("", 0, roundsTPhotos, "tfdata").median(),
            crops));
    return lines;
  }
}

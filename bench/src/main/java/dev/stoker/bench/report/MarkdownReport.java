package dev.stoker.bench.report;

import dev.stoker.bench.data.GeneratedDataset;
import dev.stoker.bench.peer.JdkPipeline;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.bench.report.BenchResults.Figure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;

/** Writes {@code report.md}: the machine, the targets, both jobs, startup, memory and the sweep. */
final class MarkdownReport {
  private final BenchSettings s;
  private final BenchData data;
  private final BenchResults r;
  private final StringBuilder md = new StringBuilder();

  MarkdownReport(BenchSettings settings, BenchData data, BenchResults results) {
    this.s = settings;
    this.data = data;
    this.r = results;
  }

  Path write() throws IOException {
    header();
    data();
    targets();
    job("G — ImageNet-like (last round): " + data.source(), r.jobG(), s.batch());
    job("P — photos (last round): " + data.photos(), r.jobP(), s.photoBatch());
    String training =
        "Training preprocessing: random crop (area 0.05–1 with at least 10 %% of the image,"
            + " aspect 3/4–4/3), random horizontal flip, %d×%d bilinear, ImageNet mean/std,"
            + " float32, batch %d, %d workers, prefetch %d. Per core = images/s ÷ workers.";
    job(
        "T — training, ImageNet-like (last round): " + data.source(),
        r.roundsT().getLast(),
        s.batch(),
        training);
    job(
        "T — training, photos (last round): " + data.photos(),
        r.roundsTPhotos().getLast(),
        s.photoBatch(),
        training);
    checks();
    startup();
    sweep();
    peers();
    Path file = s.out().resolve("report.md");
    Files.writeString(file, md);
    return file;
  }

  @SuppressWarnings("AnnotateFormatMethod") // Error Prone's annotation is not on the class path.
  private void line(String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private void header() {
    MachineInfo m = r.machine();
    line("# Stoker benchmark report");
    line("");
    line(
        "%s, %s mode: `bin/stoker bench %s%s%s --size %d --batch %d"
            + " --photo-batch %d --workers %d --prefetch %d`",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        s.quick() ? "quick" : "full",
        s.quick() ? "--quick" : "--full",
        s.source() == null ? "" : " --source " + s.source(),
        s.photos() == null ? "" : " --photos " + s.photos(),
        s.size(),
        s.batch(),
        s.photoBatch(),
        s.workers(),
        s.prefetch());
    line("");
    line(
        "JMH: %d fork(s) per benchmark, %s. Every engine ran on the same shard, with the same"
            + " number of threads, in this run; compare ratios, not absolute figures, across"
            + " machines.",
        s.forks(),
        s.quick()
            ? "1 warm-up iteration of "
                + s.iterationMillis() / 2
                + " ms, 1 measured iteration of "
                + s.iterationMillis()
                + " ms (quick: indicative only)"
            : "2 warm-up iterations of 3 s, 3 measured iterations of 3 s, `-prof gc`");
    line("");
    line("| machine | |");
    line("|---|---|");
    line("| CPU | %s |", m.cpu());
    line("| cores available | %d |", m.cores());
    line("| load average at start | %s |", m.loadAverage());
    line("| JDK | %s |", m.jdk());
    line("| libjpeg-turbo | %s |", m.turboJpeg());
    line("| TensorFlow (Java 1.1.0) | %s |", m.tensorFlow());
    line("");
    double load = parseOr(m.loadAverage(), Double.NaN);
    if (load >= m.cores()) {
      line(
          "**Noisy machine:** the load average (%.1f) was at or above the core count when the run"
              + " started, so other processes shared the CPUs. The benchmarks run one after"
              + " another, minutes apart, and each ratio carries that noise; rerun on a quiet"
              + " machine before drawing conclusions.",
          load);
      line("");
    }
  }

  /** Where each job's data came from and, for generated data, what it holds. */
  private void data() {
    line("## Data");
    line("");
    line("| job | data | statistics |");
    line("|---|---|---|");
    dataRow("G", data.source(), data.generatedSource());
    dataRow("P", data.photos(), data.generatedPhotos());
    line("");
    if (data.anyGenerated()) {
      line(
          "**Generated data was used** for the job(s) marked generated: seeded, camera-like"
              + " JPEGs (gradients, textured objects and sensor noise) written by the JDK's JPEG"
              + " encoder, cached in `%s`. They match real data in size, bits per pixel and"
              + " subsampling, not in content; real data (`--source`, `--photos`) is the better"
              + " measure.",
          s.out().resolve(BenchData.CACHE));
      line("");
    }
  }

  private void dataRow(String job, String source, @Nullable GeneratedDataset generated) {
    if (generated == null) {
      line("| %s | `%s` | as given |", job, source);
    } else {
      line(
          "| %s | generated %s (seed %#x, quality %d) | %s |",
          job,
          generated.recipe().name(),
          generated.recipe().seed(),
          generated.recipe().quality(),
          generated.stats().describe());
    }
  }

  private void targets() {
    PsnrCheck.Result q = r.psnr();
    boolean noneQualifies = BenchResults.noneQualifiesForP(q);
    List<RoundRatio> ratios =
        List.of(
            RoundRatio.of(
                "G: Stoker / tf.data (its fastest configuration in the round)",
                1.25,
                r.roundsG(),
                "tfdata"),
            RoundRatio.of("G: Stoker / its own kernel ceiling", 0.95, r.roundsG(), "ceiling"),
            RoundRatio.of("G: Stoker / plain JDK", 3, r.roundsG(), "jdk"),
            RoundRatio.of(
                "P: Stoker / tf.data ("
                    + (noneQualifies
                        ? "no tf.data configuration is as close to the reference as Stoker, so its"
                            + " fastest overall"
                        : "its fastest configuration whose PSNR is no worse than Stoker's")
                    + ")",
                1.5,
                r.roundsP(),
                "tfdata",
                BenchResults.qualifyingForP(q)),
            autoAgainstBest(),
            pacedStall());
    line("## Targets (issue 16; %d workers)", s.workers());
    line("");
    line(
        "Ratios: median of %d alternating round(s), each round measuring every engine of the"
            + " job once; the spread is the lowest and highest round. A target is met only when"
            + " every round meets it, and \"not established\" when the spread straddles it. Every"
            + " ratio is of images/s (each benchmark's `images` counter), the same unit for the"
            + " consumers and the ceiling; JMH's primary score counts batches for the consumers"
            + " and images for the ceiling, and is not used. tf.data's configurations are all"
            + " measured in round 1; later rounds repeat its fastest (for P its fastest"
            + " qualifying). The sweep's rows are single JMH runs: their spread is over the"
            + " measured iterations.",
        r.roundsG().size());
    line("");
    line("| target | median | spread | verdict |");
    line("|---|---|---|---|");
    for (RoundRatio x : ratios) {
      row(x);
    }
    for (RoundRatio x :
        List.of(
            RoundRatio.of(
                "T: Stoker / tf.data's ResNet training preprocessing, job G's data",
                1.5,
                r.roundsT(),
                "tfdata"),
            RoundRatio.of(
                "T: Stoker / tf.data's ResNet training preprocessing, the photos",
                1.5,
                r.roundsTPhotos(),
                "tfdata"))) {
      line(
          "| %s ≥ %.2f× | %.2f× | %.2f–%.2f× | %s |",
          x.target(), x.threshold(), x.median(), x.min(), x.max(), x.verdict());
    }
    for (CropDistribution.Result c : List.of(r.crops(), r.photoCrops())) {
      line(
          "| T: crop area share and log aspect ratio distributed as TensorFlow's"
              + " SampleDistortedBoundingBox (KS, %d crops each, %d shapes), p ≥ 0.01 | area D=%.4f"
              + " p=%.3g; log aspect D=%.4f p=%.3g | – | %s |",
          c.area().n(),
          c.shapes(),
          c.area().d(),
          c.area().p(),
          c.logAspect().d(),
          c.logAspect().p(),
          c.consistent() ? "met" : "missed");
    }
    line(
        "| P: PSNR no worse than tf.data's | %.2f dB vs %.2f dB | – | %s |",
        q.stokerMean(), q.tfDataMean(), q.stokerMean() >= q.tfDataMean() ? "met" : "missed");
    line(
        "| G: output equal to tf.data's (accurate IDCT both sides) | max abs diff %.3g | – | %s"
            + " |",
        r.outputCheck().maxAbsDiff(), r.outputCheck().passed() ? "met" : "missed");
    line(
        "| G: with DecodeOptions.fastDct, equal to tf.data's default DecodeJpeg | max abs diff"
            + " %.3g | – | %s |",
        r.fastDctCheck().maxAbsDiff(), r.fastDctCheck().passed() ? "met" : "missed");
    line("");
    List<Double> loads = r.loads().stream().map(l -> parseOr(l, Double.NaN)).toList();
    double lo = loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double hi = loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    line(
        "Load average at the start of each round, after the rounds and after the sweep: %s.",
        r.loads());
    if (hi - lo >= 1.0 || hi >= r.machine().cores()) {
      line(
          "**Load changed during the run** (%.1f to %.1f on %d cores): other processes took CPU"
              + " from some rounds more than others; trust the spread, not one figure.",
          lo, hi, r.machine().cores());
    }
    line("");
  }

  /** One line of the targets table: a floor in ×, or a ceiling in %. */
  private void row(RoundRatio x) {
    String unit = x.atMost() ? " %%" : "×";
    if (x.rounds() == 0) {
      line(
          "| %s %s %.2f%s | – | – | not measured |",
          x.target(), x.atMost() ? "≤" : "≥", x.threshold(), x.atMost() ? " %" : "×");
      return;
    }
    line(
        "| %s %s %.2f" + unit + " | %.2f" + unit + " | %.2f–%.2f" + unit + " | %s |",
        x.target(),
        x.atMost() ? "≤" : "≥",
        x.threshold(),
        x.median(),
        x.min(),
        x.max(),
        x.verdict());
  }

  /** AUTO's images/s in each measured iteration over the best hand-picked configuration's mean. */
  private RoundRatio autoAgainstBest() {
    Optional<RunResult> best = BenchResults.bestHandPicked(r.sweep());
    Optional<RunResult> auto = r.sweep().stream().filter(BenchResults::isAuto).findFirst();
    String target =
        "Sweep: Stoker workers(AUTO), prefetch(AUTO) / the best hand-picked configuration"
            + best.map(
                    b ->
                        " ("
                            + BenchResults.param(b, "workers")
                            + " workers, prefetch "
                            + BenchResults.param(b, "prefetch")
                            + ")")
                .orElse("");
    if (best.isEmpty() || auto.isEmpty()) {
      return RoundRatio.of(target, 0.95, List.of());
    }
    double bestImages = BenchResults.secondary(best.get(), "images");
    return RoundRatio.of(
        target,
        0.95,
        BenchResults.iterations(auto.get(), "images").stream().map(v -> v / bestImages).toList());
  }

  /** AUTO's input stall in each measured iteration of the paced run, in %. */
  private RoundRatio pacedStall() {
    Optional<RunResult> auto = r.paced().stream().filter(BenchResults::isAuto).findFirst();
    String target =
        String.format(
            Locale.ROOT,
            "Paced consumer (a %d ms step per batch of %d: it needs %.0f %% of the best"
                + " configuration's capacity): AUTO's input stall",
            r.pacedStepMillis(),
            s.batch(),
            100 * consumerNeed());
    return RoundRatio.atMost(
        target,
        1.0,
        auto.map(a -> BenchResults.iterations(a, "waitMicros").stream().map(v -> v / 1e4).toList())
            .orElse(List.of()));
  }

  /** The paced consumer's demand over the best hand-picked configuration's images/s. */
  private double consumerNeed() {
    double capacity =
        BenchResults.bestHandPicked(r.sweep())
            .map(b -> BenchResults.secondary(b, "images"))
            .orElse(Double.NaN);
    return 1000.0 * s.batch() / r.pacedStepMillis() / capacity;
  }

  private static double parseOr(String s, double fallback) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private void job(String title, List<RunResult> results, int batch) {
    job(
        title,
        results,
        batch,
        "%d×%d bilinear, float32 in [0, 1], batch %d, %d workers, prefetch %d. Per core ="
            + " images/s ÷ workers.");
  }

  private void job(String title, List<RunResult> results, int batch, String description) {
    List<Figure> figures = BenchResults.figures(results);
    double stoker = BenchResults.best(figures, "stoker").map(Figure::images).orElse(Double.NaN);
    line("## Job %s", title);
    line("");
    line(description, s.size(), s.size(), batch, s.workers(), s.prefetch());
    line("");
    line(
        "| engine | configuration | images/s | ± (99.9 %%) | per core | Stoker ÷ this | heap B/image |");
    line("|---|---|---|---|---|---|---|");
    for (Figure f : figures.stream().sorted(Comparator.comparing(Figure::engine)).toList()) {
      line(
          "| %s | %s | %.1f | %s | %.1f | %.2f× | %s |",
          f.engine(),
          f.config(),
          f.images(),
          Double.isNaN(f.error()) ? "–" : String.format(Locale.ROOT, "%.1f", f.error()),
          f.images() / s.workers(),
          stoker / f.images(),
          Double.isNaN(f.allocPerImage())
              ? "–"
              : String.format(Locale.ROOT, "%.0f", f.allocPerImage()));
    }
    line("");
  }

  private void checks() {
    OutputCheck.Result c = r.outputCheck();
    PsnrCheck.Result p = r.psnr();
    line("## Output check (job G)");
    line("");
    line(
        "Every image of the shard through both engines at %d×%d: %d images, %d values, %d"
            + " bit-identical, largest difference %.3g (tolerance %.0e): **%s**.",
        s.size(),
        s.size(),
        c.images(),
        c.values(),
        c.identical(),
        c.maxAbsDiff(),
        OutputCheck.Result.TOLERANCE,
        c.passed() ? "equal" : "NOT equal, worst record " + c.worstImage());
    line("tf.data here: %s.", c.tfData());
    line("");
    OutputCheck.Result f = r.fastDctCheck();
    line(
        "With the fast IDCT on both sides (Stoker's `DecodeOptions.fastDct`, tf.data's default"
            + " `dct_method`): %d values, %d bit-identical, largest difference %.3g: **%s**.",
        f.values(),
        f.identical(),
        f.maxAbsDiff(),
        f.passed() ? "equal" : "NOT equal, worst record " + f.worstImage());
    line("");
    line("## Quality (job P)");
    line("");
    line(
        "PSNR against TensorFlow's antialiased resize (ScaleAndTranslate, triangle kernel) of"
            + " its own full-size decode, over %d"
            + " images: Stoker %.2f dB mean (min %.2f), tf.data %.2f dB mean (min %.2f). Stoker's"
            + " DCT scales: %s.",
        p.images(), p.stokerMean(), p.stokerMin(), p.tfDataMean(), p.tfDataMin(), p.scales());
    line(
        "tf.data with DecodeJpeg(ratio=%d), the largest static ratio that keeps every image of"
            + " the set at least %d pixels on each side: %s. Job P compares Stoker with the"
            + " fastest tf.data configuration whose PSNR is no worse than Stoker's, or, where none"
            + " is, with the fastest overall (the targets table says which).",
        p.tfDataRatio(),
        s.size(),
        p.tfDataRatio() == 1
            ? "the same as full size"
            : String.format(Locale.ROOT, "%.2f dB mean", p.tfDataRatioMean()));
    line("");
  }

  private void startup() {
    line(
        "## Time to first batch and peak memory (job G, fresh JVM each, prefetch %d)",
        s.prefetch());
    line("");
    line(
        "From the start of building the pipeline (TensorFlow's native library load included) to"
            + " holding the first batch; resident memory before building and its peak (`VmHWM`)"
            + " after %d more batches. Median of %d probe(s).",
        s.quick() ? 2 : 20, s.quick() ? 1 : 3);
    line("");
    line("| engine | first batch ms | RSS before MiB | peak RSS MiB |");
    line("|---|---|---|---|");
    Map<String, List<BenchCommand.StartupSample>> by =
        r.startup().stream().collect(Collectors.groupingBy(BenchCommand.StartupSample::engine));
    for (var e : by.entrySet()) {
      List<BenchCommand.StartupSample> v = e.getValue();
      line(
          "| %s | %.0f | %.0f | %.0f |",
          e.getKey(),
          median(v.stream().mapToDouble(BenchCommand.StartupSample::firstBatchMillis).toArray()),
          median(v.stream().mapToDouble(x -> x.baseRssKiB() / 1024.0).toArray()),
          median(v.stream().mapToDouble(x -> x.peakRssKiB() / 1024.0).toArray()));
    }
    line("");
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length == 0 ? Double.NaN : c[c.length / 2];
  }

  private void sweep() {
    line("## Workers × prefetch (job G, Stoker, the consumer takes each batch at once)");
    line("");
    line("![images/s and input stall](sweep.png)");
    line("");
    line("| workers | prefetch | images/s | input stall %% |");
    line("|---|---|---|---|");
    for (RunResult x : r.sweep()) {
      boolean auto = BenchResults.isAuto(x);
      line(
          "| %s | %s | %.1f | %.1f |",
          auto ? "**AUTO**" : BenchResults.param(x, "workers"),
          auto ? "**AUTO**" : BenchResults.param(x, "prefetch"),
          BenchResults.secondary(x, "images"),
          BenchResults.secondary(x, "waitMicros") / 1e4);
    }
    line("");
    line(
        "Paced consumer: %d ms parked per batch, so it needs %.0f %% of the best hand-picked"
            + " configuration's capacity (less where an epoch's last batch is partial).",
        r.pacedStepMillis(), 100 * consumerNeed());
    line("");
    line("| configuration | images/s | input stall %% |");
    line("|---|---|---|");
    for (RunResult x : r.paced()) {
      line(
          "| %s | %.1f | %.2f |",
          BenchResults.isAuto(x)
              ? "AUTO"
              : BenchResults.param(x, "workers")
                  + " workers, prefetch "
                  + BenchResults.param(x, "prefetch"),
          BenchResults.secondary(x, "images"),
          BenchResults.secondary(x, "waitMicros") / 1e4);
    }
    line("");
    line(
        "AUTO's decisions (one line each, with the measurements behind them) are in"
            + " `jmh-sweep-auto.log` and `jmh-paced-auto.log`.");
    line("");
  }

  private void peers() {
    TfDataOptions tf =
        TfDataOptions.of(List.of("<shard>"), s.size(), s.batch(), s.workers(), s.prefetch());
    line("## Configurations");
    line("");
    line(
        "- **stoker**: `Pipeline` over `TfRecordSource`, `Resize(%d, %d)` + `Normalization.rescale"
            + "(1/255)`, float32 NHWC, %d workers, prefetch %d; `dct=full` offers the decoder"
            + " only full-scale decoding (job G, equal work and output to tf.data), `dct=auto`"
            + " lets it pick 1/2, 1/4 or 1/8 (job P).",
        s.size(), s.size(), s.workers(), s.prefetch());
    line(
        "- **tfdata**: %s. Run with num_parallel_calls = workers and AUTOTUNE, dct_method"
            + " INTEGER_ACCURATE (Stoker's IDCT, the checked output) and TensorFlow's default"
            + " (IFAST), in full mode; ratios use the fastest.",
        tf.describe());
    line("- **jdk**: %s; prefetch %d batches.", JdkPipeline.describe(s.workers()), s.prefetch());
    line(
        "- **ceiling**: %d JMH threads, each running Stoker's decode + resize kernel"
            + " (`ImageSampleProcessor`) in a bare loop over the shard's images held in native"
            + " memory, no pipeline.",
        s.workers());
    line("");
    line(
        "Raw results: `jmh-G*.json`, `jmh-G-ceiling*.json`, `jmh-P*.json`, `jmh-P-ceiling*.json`"
            + " (`-rN` per round), `jmh-sweep.json`, `jmh-sweep-auto.json`, `jmh-paced*.json`"
            + " (JMH's JSON), with JMH's logs beside them.");
  }
}

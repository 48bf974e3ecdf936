package dev.stoker.spark;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.convert.Converter;
import dev.stoker.convert.FolderFeed;
import dev.stoker.convert.Manifest;
import dev.stoker.convert.ParquetFeed;
import dev.stoker.convert.PlannedSample;
import dev.stoker.convert.SampleFeed;
import dev.stoker.convert.ShardLayout;
import dev.stoker.convert.ShardSummary;
import dev.stoker.convert.ShardWriter;
import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.source.FolderOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * {@code tfrecord-convert} as a Spark job: an image folder ({@code root/<class>/<file>} or {@code
 * root/train|val|test/<class>/<file>}) or Hugging Face Parquet files on any Hadoop file system into
 * the same balanced TFRecord shards, DALI indexes and {@code manifest.json} as the single-machine
 * tool, with one writing task per shard.
 *
 * <pre>
 * driver:   list the input, split it, plan each split's read order (FolderFeed.plan, or
 *           ParquetFeed.readOrder) and assign samples to shards (ShardLayout)
 * folder:   one task per shard reads its files and writes the shard (ShardTask)
 * Parquet:  one task per file reads its rows (ParquetReadTask); the shuffle brings each shard's
 *           rows, in arrival order, to one task that writes the shard (ParquetWriteTask)
 * tasks:    write with ShardWriter, commit the shard in .spark-JOB/
 * driver:   move every committed shard into the output folder, delete stale output,
 *           write manifest.json last, delete .spark-JOB/
 * </pre>
 *
 * <p>The rules (split, shard assignment, strict decode and skips, {@code --max-side}, {@code
 * --quality}, {@code --baseline}, schema, manifest) are the ones in {@code dev.stoker.convert},
 * which {@code tfrecord-convert} calls too, so both give the same shards for the same input. See
 * {@link ShardTask} for why retried and speculative tasks leave no duplicates.
 *
 * <p>From the command line: {@code spark-submit --class dev.stoker.spark.SparkConvert
 * stoker-spark.jar INPUT --out DIR [options]}, with {@code tfrecord-convert}'s options {@code
 * --name --shards --shard-size --split --seed --compression --index --max-side --quality --baseline
 * --overwrite --strict}, read by picocli as {@code tfrecord-convert} reads them ({@link
 * SparkConvertArgs}; {@code --help} lists them). From Java: {@link #run(JavaSparkContext,
 * ConvertOptions, String)}.
 */
public final class SparkConvert {
  private SparkConvert() {}

  /**
   * Runs the conversion on a Spark context. {@code options.inputs()} holds the folder's location,
   * or the Parquet files (globs allowed) or a folder of them (any Hadoop path or URI); {@code
   * options.out()} is not used: the output goes to {@code output}. Blocks until the job ends; on
   * failure the output folder is left as it was.
   *
   * @param sc the context, which the caller owns
   * @param options the conversion's options, as {@code tfrecord-convert} takes them
   * @param output the output folder, a Hadoop path or URI
   * @return what was written and skipped
   * @throws IOException when the input cannot be listed, or the output is taken or cannot be
   *     written
   */
  public static Converter.Result run(JavaSparkContext sc, ConvertOptions options, String output)
      throws IOException {
    return run(sc, options, output, null);
  }

  static Converter.Result run(
      JavaSparkContext sc,
      ConvertOptions options,
      String output,
      @Nullable FailureInjection injection)
      throws IOException {
    Configuration conf = sc.hadoopConfiguration();
    HadoopStorage storage = new HadoopStorage(conf);
    List<String> parquet = parquetFiles(options.inputs(), conf);
    if (parquet == null && options.inputs().size() != 1) {
      throw new IllegalArgumentException(
          "INPUT="
              + String.join(" ", options.inputs())
              + " (expected: one image folder, or Parquet files)");
    }
    Path out = new Path(output);
    try (SampleFeed feed =
            parquet == null
                ? FolderFeed.open(
                    options.inputs().getFirst(), storage, options.split(), options.seed())
                : ParquetFeed.open(parquet, storage, options.split(), options.seed());
        FileSystem fs = OutputFiles.open(out, conf)) {
      if (!options.overwrite()) {
        List<Path> existing = existingOutput(fs, out, options.name());
        if (!existing.isEmpty()) {
          throw new IOException(
              out
                  + " already holds output of this name ("
                  + existing.size()
                  + " files, e.g. "
                  + existing.getFirst().getName()
                  + "; expected: another --out or --name, or --overwrite to replace it)");
        }
      }
      List<String> splits = feed.splitNames();
      ParquetPlan parquetPlan = feed instanceof ParquetFeed p ? ParquetPlan.of(p, options) : null;
      List<ShardJob> jobs =
          parquetPlan != null ? parquetPlan.jobs() : plan((FolderFeed) feed, options);
      Path temp = new Path(out, ".spark-" + UUID.randomUUID());
      fs.mkdirs(temp);
      try {
        ShardTask task =
            new ShardTask(
                conf,
                temp.toString(),
                feed.labelNames(),
                options,
                FolderOptions.DEFAULT_MAX_SAMPLE_BYTES,
                injection);
        List<ShardWriter.Outcome> outcomes;
        if (jobs.isEmpty()) {
          outcomes = List.of();
        } else if (parquetPlan == null) {
          outcomes = sc.parallelize(jobs, jobs.size()).map(task).collect();
        } else {
          List<ParquetPart> parts = parquetPlan.parts();
          outcomes =
              sc.parallelize(parts, parts.size())
                  .flatMapToPair(new ParquetReadTask(conf, options.split(), options.seed()))
                  .repartitionAndSortWithinPartitions(new ShardPartitioner(jobs.size()))
                  .mapPartitionsWithIndex(new ParquetWriteTask(task, jobs), true)
                  .collect();
        }
        List<ShardWriter.PlannedSkip> planned = new ArrayList<>();
        List<List<ShardSummary>> shards = new ArrayList<>();
        for (int s = 0; s < splits.size(); s++) {
          shards.add(new ArrayList<>());
        }
        long written = 0;
        for (int i = 0; i < jobs.size(); i++) {
          ShardWriter.Outcome o = outcomes.get(i);
          shards.get(jobs.get(i).split()).add(o.summary());
          planned.addAll(o.skipped());
          written += o.summary().count();
        }
        // tfrecord-convert lists skips in its read order: a folder's splits one after another,
        // Parquet's rows interleaved across splits.
        planned.sort(
            parquetPlan != null
                ? Comparator.comparingLong(parquetPlan::position)
                : Comparator.comparingInt(ShardWriter.PlannedSkip::split)
                    .thenComparingLong(ShardWriter.PlannedSkip::arrival));
        List<Converter.Skip> skipped = new ArrayList<>();
        for (ShardWriter.PlannedSkip p : planned) {
          skipped.add(new Converter.Skip(splits.get(p.split()), p.where(), p.reason()));
        }
        if ((options.strict() && !skipped.isEmpty()) || written == 0) {
          return new Converter.Result(written, skipped, options.strict() && !skipped.isEmpty());
        }
        Set<String> keep = new HashSet<>();
        keep.add("manifest.json");
        for (ShardJob job : jobs) {
          OutputFiles.publish(fs, new Path(temp, job.file()), new Path(out, job.file()));
          keep.add(job.file());
          if (options.index()) {
            String idx = job.file() + ".idx";
            OutputFiles.publish(fs, new Path(temp, idx), new Path(out, idx));
            keep.add(idx);
          }
        }
        for (Path old : existingOutput(fs, out, options.name())) {
          if (!keep.contains(old.getName())) {
            fs.delete(old, false);
          }
        }
        String json =
            Manifest.json(
                feed.kind(), feed.labelNames(), splits, shards, skipped, written, options);
        Path manifest = new Path(temp, "manifest.json");
        try (OutputStream o = fs.create(manifest, true)) {
          o.write(json.getBytes(StandardCharsets.UTF_8));
        }
        OutputFiles.publish(fs, manifest, new Path(out, "manifest.json"));
        return new Converter.Result(written, skipped, false);
      } finally {
        fs.delete(temp, true);
      }
    }
  }

  /**
   * The Parquet files of the input, or null when it is an image folder: inputs that all end in
   * {@code .parquet} (globs allowed), or one folder with no sub-folders that holds {@code .parquet}
   * files, taken in name order as {@code tfrecord-convert} takes them.
   */
  static @Nullable List<String> parquetFiles(List<String> inputs, Configuration conf)
      throws IOException {
    if (!inputs.isEmpty() && inputs.stream().allMatch(i -> i.endsWith(".parquet"))) {
      return inputs;
    }
    if (inputs.size() != 1) {
      return null;
    }
    Path dir = new Path(inputs.getFirst());
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
      return null;
    }
    List<String> files = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isDirectory()) {
        return null;
      }
      if (f.getPath().getName().endsWith(".parquet")) {
        files.add(f.getPath().toString());
      }
    }
    files.sort(null);
    return files.isEmpty() ? null : files;
  }

  /** One job per shard: each split's samples in read order, assigned to shards by the layout. */
  static List<ShardJob> plan(FolderFeed feed, ConvertOptions options) {
    List<String> splits = feed.splitNames();
    List<@Nullable ShardLayout> layouts = layouts(feed.splitCounts(), options);
    List<ShardJob> jobs = new ArrayList<>();
    for (int s = 0; s < splits.size(); s++) {
      ShardLayout layout = layouts.get(s);
      if (layout == null) {
        continue;
      }
      int n = layout.shards();
      List<List<PlannedSample>> per = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        per.add(new ArrayList<>());
      }
      for (PlannedSample p : feed.plan(s)) {
        per.get(layout.shardOf(p.arrival())).add(p);
      }
      for (int i = 0; i < n; i++) {
        jobs.add(
            new ShardJob(
                s,
                i,
                Converter.shardName(options.name(), splits.get(s), i, n),
                per.get(i).size(),
                per.get(i)));
      }
    }
    return jobs;
  }

  /**
   * Each split's shard layout, with {@code tfrecord-convert}'s shard counts; null for a split with
   * no samples.
   */
  static List<@Nullable ShardLayout> layouts(long[] counts, ConvertOptions options) {
    long largest = 0;
    for (long c : counts) {
      largest = Math.max(largest, c);
    }
    List<@Nullable ShardLayout> layouts = new ArrayList<>();
    for (int s = 0; s < counts.length; s++) {
      int n = ShardLayout.shardCount(counts[s], largest, options.shards(), options.shardSize());
      layouts.add(n == 0 ? null : new ShardLayout(counts[s], n, options.seed(), s));
    }
    return layouts;
  }

  /** The output of an earlier run of this name, by {@code tfrecord-convert}'s rule. */
  private static List<Path> existingOutput(FileSystem fs, Path dir, String name)
      throws IOException {
    List<Path> found = new ArrayList<>();
    if (!fs.exists(dir)) {
      return found;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      String n = f.getPath().getName();
      if (f.isFile()
          && (n.equals("manifest.json")
              || (n.startsWith(name + "-")
                  && (n.endsWith(".tfrecord") || n.endsWith(".tfrecord.idx"))))) {
        found.add(f.getPath());
      }
    }
    return found;
  }

  /**
   * The {@code spark-submit} entry point: {@code INPUT --out DIR [options]}, {@code --help} or
   * {@code --version}. A bad command line prints one line on stderr and exits with status 2 before
   * a Spark context starts; a failed conversion throws, which fails the job (status 1 under {@code
   * spark-submit}).
   *
   * @param args the command line
   * @throws IOException when the conversion fails
   */
  public static void main(String[] args) throws IOException {
    int status =
        SparkConvertArgs.launch(List.of(args), System.out, System.err, SparkConvert::submit);
    if (status != SparkConvertArgs.OK) {
      System.exit(status);
    }
  }

  /** Runs a parsed command line on a new Spark context and prints the summary. */
  private static void submit(SparkConvertArgs parsed) throws IOException {
    SparkConf conf = new SparkConf().setAppName("stoker tfrecord-convert");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      long start = System.nanoTime();
      ConvertOptions options = parsed.options();
      if (parsed.defaultName()
          && parquetFiles(options.inputs(), sc.hadoopConfiguration()) != null) {
        options = SparkConvertArgs.renamed(options, "data"); // tfrecord-convert's name for files
      }
      Converter.Result r = run(sc, options, parsed.output());
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "stoker spark tfrecord-convert: wrote %d images in %.1f s (%.0f images/s) to %s,"
              + " skipped %d%n",
          r.written(),
          seconds,
          r.written() / seconds,
          parsed.output(),
          r.skipped().size());
      for (Converter.Skip s : r.skipped()) {
        System.out.println("    " + s.where() + ": " + s.reason());
      }
      String failure = failure(r);
      if (failure != null) {
        throw new IOException(failure);
      }
    }
  }

  /**
   * Why a run wrote nothing, or null when it wrote its output. Under {@code --strict} it names the
   * first unreadable image in input order and the reason, as {@code tfrecord-convert} does.
   */
  static @Nullable String failure(Converter.Result r) {
    if (r.stoppedStrict()) {
      Converter.Skip first = r.skipped().getFirst();
      return "stopped (--strict): "
          + first.where()
          + ": "
          + first.reason()
          + " ("
          + r.skipped().size()
          + " unreadable images in all; nothing was written)";
    }
    return r.written() == 0 ? "nothing written: every image was unreadable" : null;
  }
}

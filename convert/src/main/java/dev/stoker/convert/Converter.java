package dev.stoker.convert;

import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs one conversion: reads the feed on the calling thread, checks and encodes images on {@code
 * workers} threads, and writes the records, in input order, into the shards of each split.
 *
 * <p>The calling thread owns every shard; a window of at most {@code 4 × workers} samples is in
 * flight, so memory stays bounded by that many encoded images. On any failure, a strict stop or an
 * interrupt, every shard's temporary file is deleted and no output is left that looks whole.
 */
public final class Converter {
  /**
   * A skipped sample, for the summary and the manifest.
   *
   * @param split the name of its output split
   * @param where the file, and row or offset, it came from
   * @param reason why it was skipped
   */
  public record Skip(String split, String where, String reason) {}

  /**
   * The outcome of a run.
   *
   * @param written how many records were written
   * @param skipped the skipped samples, in input order
   * @param stoppedStrict whether a skipped sample stopped the run under {@code --strict}
   */
  public record Result(long written, List<Skip> skipped, boolean stoppedStrict) {}

  private final ConvertOptions options;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * Prepares a run.
   *
   * @param options what to convert and how
   * @param out where the summary goes
   * @param err where progress and skipped images go
   */
  public Converter(ConvertOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * Lists the output of an earlier run of this name in a folder: shards, indexes and manifest.
   *
   * @param dir the output folder
   * @param name the shards' name prefix
   * @return the files found, empty when the folder is missing
   * @throws IOException when the folder cannot be listed
   */
  public static Set<Path> existingOutput(Path dir, String name) throws IOException {
    Set<Path> found = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(
              p -> {
                String f = p.getFileName().toString();
                return f.equals("manifest.json")
                    || (f.startsWith(name + "-")
                        && (f.endsWith(".tfrecord") || f.endsWith(".tfrecord.idx")));
              })
          .forEach(found::add);
    }
    return found;
  }

  /**
   * Converts the feed, on the calling thread and {@code workers} more.
   *
   * @param feed the input, which the caller closes
   * @return what was written and skipped
   * @throws IOException when reading or writing fails; no shard is left under its final name
   * @throws InterruptedException when the thread is interrupted
   */
  public Result run(SampleFeed feed) throws IOException, InterruptedException {
    List<String> splits = feed.splitNames();
    long[] counts = feed.splitCounts();
    long largest = 0;
    long total = 0;
    for (long c : counts) {
      largest = Math.max(largest, c);
      total += c;
    }
    Files.createDirectories(options.out());
    List<ShardLayout> layouts = new ArrayList<>();
    List<List<OutputShard>> shards = new ArrayList<>();
    long[] arrivals = new long[splits.size()];
    List<Skip> skipped = new ArrayList<>();
    Progress progress = new Progress(err, total);
    TfRecordWriterOptions.Builder writerOptions =
        TfRecordWriterOptions.builder().compression(options.compression()).bufferSize(64 << 10);
    boolean committed = false;
    int workers = options.workers();
    JpegTransformer transformer = options.baseline() ? TurboJpegTransformer.open() : null;
    // Every record waits here until its shard is written, one shard at a time: open files stay
    // bounded however many shards there are.
    RecordSpill spill =
        new RecordSpill(options.out().resolve("." + options.name() + ".records.partial"));
    Thread hook = null;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "tfrecord-convert-worker");
              t.setDaemon(true);
              return t;
            });
    try (RecordEncoder encoder =
        new RecordEncoder(
            workers, feed.labelNames(), options.maxSide(), options.quality(), transformer)) {
      for (int s = 0; s < splits.size(); s++) {
        int n = ShardLayout.shardCount(counts[s], largest, options.shards(), options.shardSize());
        layouts.add(new ShardLayout(counts[s], n, options.seed(), s));
        List<OutputShard> list = new ArrayList<>();
        shards.add(list);
        for (int i = 0; i < n; i++) {
          Path file = options.out().resolve(shardName(options.name(), splits.get(s), i, n));
          Path index = options.index() ? Path.of(file + ".idx") : null;
          list.add(new OutputShard(file, index, spill, writerOptions));
        }
      }
      // Ctrl-C or a kill: the JVM runs this hook, not the finally below, so delete the .partial
      // files here; a committed shard is complete and stays.
      hook =
          new Thread(
              () -> {
                spill.delete();
                for (List<OutputShard> list : shards) {
                  for (OutputShard shard : list) {
                    if (!shard.committed()) {
                      shard.deleteTemporaryFiles();
                    }
                  }
                }
              },
              "tfrecord-convert-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      ArrayDeque<Pending> window = new ArrayDeque<>();
      boolean[] stop = new boolean[1];
      long[] written = new long[1];
      SampleSink sink =
          new SampleSink() {
            @Override
            public void accept(InputSample sample) throws IOException {
              int shard = layouts.get(sample.split()).shardOf(arrivals[sample.split()]++);
              window.add(
                  new Pending(
                      sample.split(),
                      shard,
                      pool.submit(() -> encoder.encode(sample)),
                      null,
                      null));
              while (window.size() > 4 * workers) {
                drainOne(window, shards, splits, skipped, progress, stop, written);
              }
            }

            @Override
            public void skip(int split, String where, String reason) throws IOException {
              arrivals[split]++;
              window.add(new Pending(split, -1, null, where, reason));
              while (window.size() > 4 * workers) {
                drainOne(window, shards, splits, skipped, progress, stop, written);
              }
            }
          };
      try {
        feed.feed(sink);
        while (!window.isEmpty()) {
          drainOne(window, shards, splits, skipped, progress, stop, written);
        }
      } catch (StrictStop e) {
        progress.finish();
        err.println("tfrecord-convert: stopped (--strict): " + e.getMessage());
        return new Result(written[0], skipped, true);
      }
      progress.finish();
      if (written[0] == 0) {
        return new Result(0, skipped, false);
      }
      // Until the new manifest is written, none marks the folder as a finished conversion: a run
      // killed while committing leaves complete shards but no manifest, and a rerun starts clean.
      Files.deleteIfExists(options.out().resolve("manifest.json"));
      for (List<OutputShard> list : shards) {
        for (OutputShard shard : list) {
          shard.commit();
        }
      }
      committed = true;
      Set<Path> keep = new HashSet<>();
      for (List<OutputShard> list : shards) {
        for (OutputShard shard : list) {
          keep.add(shard.file());
          if (options.index()) {
            keep.add(Path.of(shard.file() + ".idx"));
          }
        }
      }
      keep.add(options.out().resolve("manifest.json"));
      for (Path old : existingOutput(options.out(), options.name())) {
        if (!keep.contains(old)) {
          Files.deleteIfExists(old);
        }
      }
      writeManifest(feed, splits, shards, skipped, written[0]);
      summary(splits, shards, skipped, written[0], progress);
      return new Result(written[0], skipped, false);
    } finally {
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down and runs the hook.
        }
      }
      pool.shutdownNow();
      spill.close();
      if (!committed) {
        for (List<OutputShard> list : shards) {
          for (OutputShard shard : list) {
            shard.abort();
          }
        }
      }
    }
  }

  /** A sample in flight: its split and shard, and its encoding or why it was skipped. */
  private record Pending(
      int split,
      int shard,
      @Nullable Future<EncodedSample> encoding,
      @Nullable String where,
      @Nullable String reason) {}

  /** A skipped sample under {@code --strict}. */
  private static final class StrictStop extends IOException {
    private static final long serialVersionUID = 1L;

    StrictStop(String message) {
      super(message);
    }
  }

  private void drainOne(
      ArrayDeque<Pending> window,
      List<List<OutputShard>> shards,
      List<String> splits,
      List<Skip> skipped,
      Progress progress,
      boolean[] stop,
      long[] written)
      throws IOException {
    Pending p = window.removeFirst();
    String where = p.where();
    String reason = p.reason();
    EncodedSample e = null;
    Future<EncodedSample> encoding = p.encoding();
    if (encoding != null) {
      try {
        e = encoding.get();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IOException("tfrecord-convert interrupted", ie);
      } catch (ExecutionException ee) {
        throw new IOException("tfrecord-convert: a worker failed: " + ee.getCause(), ee.getCause());
      }
      if (e.skipReason() != null) {
        where = e.input().filename();
        reason = e.skipReason();
      }
    }
    progress.advance();
    if (e == null || e.record() == null) {
      String w = where == null ? "?" : where;
      String r = reason == null ? "unreadable" : reason;
      skipped.add(new Skip(splits.get(p.split()), w, r));
      if (options.strict()) {
        stop[0] = true;
        throw new StrictStop(w + ": " + r);
      }
      err.println();
      err.println("tfrecord-convert: skipped " + w + ": " + r);
      return;
    }
    byte[] record = e.record();
    if (record != null) {
      shards.get(p.split()).get(p.shard()).write(record, e.input().label());
      written[0]++;
    }
  }

  /**
   * Names a shard as TensorFlow's ImageNet conversion script does.
   *
   * @param name the shards' name prefix
   * @param split the split's name
   * @param shard the shard's index
   * @param shards the split's shard count
   * @return {@code NAME-SPLIT-00000-of-00004.tfrecord}
   */
  public static String shardName(String name, String split, int shard, int shards) {
    return String.format(Locale.ROOT, "%s-%s-%05d-of-%05d.tfrecord", name, split, shard, shards);
  }

  private void writeManifest(
      SampleFeed feed,
      List<String> splits,
      List<List<OutputShard>> shards,
      List<Skip> skipped,
      long written)
      throws IOException {
    List<List<ShardSummary>> summaries = new ArrayList<>();
    for (List<OutputShard> list : shards) {
      summaries.add(list.stream().map(OutputShard::summary).toList());
    }
    String json =
        Manifest.json(feed.kind(), feed.labelNames(), splits, summaries, skipped, written, options);
    Path manifest = options.out().resolve("manifest.json");
    Path temp = options.out().resolve(".manifest.json.partial");
    Files.writeString(temp, json, StandardCharsets.UTF_8);
    Files.move(temp, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void summary(
      List<String> splits,
      List<List<OutputShard>> shards,
      List<Skip> skipped,
      long written,
      Progress progress) {
    out.printf(
        Locale.ROOT,
        "tfrecord-convert: wrote %d images in %.1f s (%.0f images/s) to %s%n",
        written,
        progress.seconds(),
        progress.rate(),
        options.out());
    for (int s = 0; s < splits.size(); s++) {
      long count = 0;
      long bytes = 0;
      long min = Long.MAX_VALUE;
      long max = 0;
      for (OutputShard shard : shards.get(s)) {
        count += shard.count();
        bytes += shard.bytes();
        min = Math.min(min, shard.count());
        max = Math.max(max, shard.count());
      }
      int n = shards.get(s).size();
      out.printf(
          Locale.ROOT,
          "  %-10s %8d images  %5d %s (%d to %d images each)  %,d bytes%n",
          splits.get(s),
          count,
          n,
          n == 1 ? "shard" : "shards",
          n == 0 ? 0 : min,
          max,
          bytes);
    }
    out.printf(Locale.ROOT, "  skipped %d unreadable images%n", skipped.size());
    for (Skip s : skipped) {
      out.println("    " + s.where() + ": " + s.reason());
    }
    out.println("  manifest: " + options.out().resolve("manifest.json"));
    if (options.compression() != TfRecordCompression.NONE) {
      out.println("  compression: " + options.compression());
    }
  }
}

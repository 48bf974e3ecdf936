package dev.stoker.spark;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.convert.PlannedSample;
import dev.stoker.convert.ShardWriter;
import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.storage.RandomReader;
import dev.stoker.tfrecord.TfRecordCompression;
import java.io.IOException;
import java.io.Serial;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The task that writes one shard: reads the shard's samples from the input's file system, writes
 * the shard with {@link ShardWriter} into a local temporary folder (the same bytes {@code
 * tfrecord-convert} writes), then copies it into the job's temporary folder on the output file
 * system and commits it there under its final name.
 *
 * <p><b>Commit.</b> A shard's bytes depend only on its samples and the options, never on the
 * attempt, so any attempt that completes writes the same file. Each attempt copies its file to a
 * name of its own ({@code .FILE.attempt-ID}) and renames it to {@code FILE} only if no other
 * attempt did so first; otherwise it deletes its copy. A failed or killed attempt leaves at most
 * its own attempt file, which the driver deletes with the job's temporary folder. So retries and
 * speculative attempts never duplicate a shard, and only the driver moves committed shards into the
 * output folder, after every task succeeded.
 *
 * <p>Serializable, immutable; Spark runs one call per task, each on its own executor thread.
 */
final class ShardTask implements Function<ShardJob, ShardWriter.Outcome> {
  @Serial private static final long serialVersionUID = 1L;

  private final HashMap<String, String> hadoop;
  private final String jobDir;
  private final ArrayList<String> labelNames;
  private final TfRecordCompression compression;
  private final boolean index;
  private final int maxSide;
  private final int quality;
  private final boolean baseline;
  private final long maxSampleBytes;
  private final @Nullable FailureInjection injection;

  ShardTask(
      Configuration conf,
      String jobDir,
      List<String> labelNames,
      ConvertOptions options,
      long maxSampleBytes,
      @Nullable FailureInjection injection) {
    this.hadoop = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      hadoop.put(e.getKey(), e.getValue());
    }
    this.jobDir = jobDir;
    this.labelNames = new ArrayList<>(labelNames);
    this.compression = options.compression();
    this.index = options.index();
    this.maxSide = options.maxSide();
    this.quality = options.quality();
    this.baseline = options.baseline();
    this.maxSampleBytes = maxSampleBytes;
    this.injection = injection;
  }

  @Override
  public ShardWriter.Outcome call(ShardJob job) throws IOException, InterruptedException {
    HadoopStorage storage = new HadoopStorage(configuration());
    return write(job, job.samples(), sample -> read(storage, sample));
  }

  /**
   * Writes one shard from samples that arrive in arrival order, then commits it in the job's
   * temporary folder; the protocol of the class comment.
   *
   * @param job the shard
   * @param samples its samples, in arrival order, iterated once
   * @param source reads each sample's bytes; an {@link IOException} skips the sample
   */
  ShardWriter.Outcome write(
      ShardJob job, Iterable<PlannedSample> samples, ShardWriter.SampleReader source)
      throws IOException, InterruptedException {
    Configuration conf = configuration();
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    long attemptId = task == null ? 0 : task.taskAttemptId();
    // Only the options the shard's bytes depend on; inputs, output and workers are the driver's.
    ConvertOptions options =
        new ConvertOptions(
            List.of(),
            Path.of("."),
            "shard",
            0,
            ConvertOptions.DEFAULT_SHARD_SIZE,
            null,
            0,
            compression,
            index,
            maxSide,
            quality,
            baseline,
            1,
            false,
            false);
    int half = job.planned() / 2;
    int[] read = {0};
    ShardWriter.SampleReader reader =
        sample -> {
          if (injection != null
              && injection.hits(job, attempt, FailureInjection.Point.MID_WRITE)
              && read[0]++ == half) {
            throw new IllegalStateException(
                "injected failure in " + job.file() + " after " + half + " samples");
          }
          return source.read(sample);
        };
    Path local = Files.createTempDirectory("stoker-spark-shard-");
    try {
      Path file = local.resolve(job.file());
      ShardWriter.Outcome outcome = ShardWriter.write(samples, reader, file, labelNames, options);
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(jobDir);
      try (FileSystem fs = OutputFiles.open(dir, conf)) {
        if (index) {
          OutputFiles.commitAttempt(fs, Path.of(file + ".idx"), dir, attemptId, false);
        }
        boolean fail =
            injection != null && injection.hits(job, attempt, FailureInjection.Point.BEFORE_COMMIT);
        OutputFiles.commitAttempt(fs, file, dir, attemptId, fail);
      }
      return outcome;
    } finally {
      try (Stream<Path> files = Files.walk(local)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The driver's Hadoop configuration, rebuilt on the executor. */
  Configuration configuration() {
    Configuration conf = new Configuration(false);
    hadoop.forEach(conf::set);
    return conf;
  }

  /** Reads a whole file, bounded by {@code maxSampleBytes} before anything is allocated. */
  private byte[] read(HadoopStorage storage, PlannedSample sample) throws IOException {
    try (RandomReader reader = storage.openRandom(sample.location())) {
      long size = reader.size();
      if (size > maxSampleBytes) {
        throw new IOException(
            "size=" + size + " (expected: <= maxSampleBytes " + maxSampleBytes + ")");
      }
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment bytes = arena.allocate(Math.max(1, size));
        reader.readFully(0, bytes.asSlice(0, size));
        return bytes.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE);
      }
    }
  }
}

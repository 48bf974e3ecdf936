package dev.stoker.bench.report;

import dev.stoker.bench.peer.StokerJob;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.bench.peer.TfDataPipeline;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.pipeline.Batch;
import dev.stoker.tensorflow.TensorBatchAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Runs in a fresh JVM of its own: builds one engine, takes the first batch, then {@code batches}
 * more, and prints one line {@code firstBatchMillis=… baseRssKiB=… peakRssKiB=…}: the time from the
 * start of building the pipeline (TensorFlow's native library load included) to the first batch in
 * hand, the process's resident set before building, and its peak ({@code VmHWM}) at the end. Both
 * engines get the same shard, size, batch, threads and prefetch depth. Stoker's batches are
 * TensorFlow tensors ({@link TensorBatchAllocator}), as in a job that feeds TensorFlow, so both
 * engines load TensorFlow's native library.
 *
 * <p>A second line breaks the time down: {@code stages=} names each stage with the wall time, the
 * process's CPU time (all threads: JIT compilers and the collector included) and the resident set
 * at its end. The stages are {@code tf} (TensorFlow's native library loaded, by one small tensor),
 * {@code open} (the pipeline built: for Stoker its slabs allocated and its threads started; for
 * tf.data the dataset's graph built) and {@code first} (the first batch in hand).
 */
public final class StartupProbe {
  private StartupProbe() {}

  /**
   * Probes one engine.
   *
   * @param args {@code stoker|tfdata shard size batch workers prefetch batches}
   * @throws IOException when the shard cannot be read
   */
  public static void main(String[] args) throws IOException {
    String engine = args[0];
    Path shard = Path.of(args[1]);
    int size = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int workers = Integer.parseInt(args[4]);
    int prefetch = Integer.parseInt(args[5]);
    int batches = Integer.parseInt(args[6]);
    long base = status("VmRSS");
    long t0 = System.nanoTime();
    Stages stages = new Stages(t0);
    TFloat32.tensorOf(Shape.of(1)).close();
    stages.end("tf");
    long first;
    if (engine.equals("stoker")) {
      try (StokerJob job =
          StokerJob.open(
              shard,
              size,
              batch,
              workers,
              prefetch,
              false,
              Long.MAX_VALUE / 2,
              TensorBatchAllocator.create(),
              DecodeOptions.defaults())) {
        stages.end("open");
        try (Batch b = job.pipeline().next()) {
          first = System.nanoTime() - t0 + (b.size() > 0 ? 0 : 1);
          stages.end("first");
        }
        for (int i = 0; i < batches; i++) {
          job.pipeline().next().close();
        }
      }
    } else {
      TfDataOptions options =
          TfDataOptions.of(List.of(shard.toString()), size, batch, workers, prefetch);
      try (TfDataPipeline tf = TfDataPipeline.open(options)) {
        stages.end("open");
        try (org.tensorflow.Result r = tf.next()) {
          first = System.nanoTime() - t0 + (r.size() > 0 ? 0 : 1);
          stages.end("first");
        }
        for (int i = 0; i < batches; i++) {
          tf.next().close();
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "firstBatchMillis=%.1f baseRssKiB=%d peakRssKiB=%d%n",
        first / 1e6,
        base,
        status("VmHWM"));
    System.out.println("stages=" + stages);
  }

  /** Wall time, process CPU time and resident set at the end of each stage. */
  private static final class Stages {
    private final long t0;
    private final long cpu0 = processCpuNanos();
    private final StringBuilder text = new StringBuilder();

    Stages(long t0) {
      this.t0 = t0;
    }

    void end(String stage) throws IOException {
      text.append(
          String.format(
              Locale.ROOT,
              "%s%s:%.0fms/cpu%.0fms/%dMiB",
              text.isEmpty() ? "" : ",",
              stage,
              (System.nanoTime() - t0) / 1e6,
              (processCpuNanos() - cpu0) / 1e6,
              status("VmRSS") >> 10));
    }

    @Override
    public String toString() {
      return text.toString();
    }

    private static long processCpuNanos() {
      return ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime()
          : -1;
    }
  }

  private static long status(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
      }
    }
    return -1;
  }
}

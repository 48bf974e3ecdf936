package dev.stoker.bench;

import dev.stoker.io.Source;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.EncodedSample;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.pipeline.SampleProcessor;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What the pipeline's reader thread costs per image: the thread CPU time ({@link ThreadMXBean}) of
 * {@code <name>-reader} divided by the images delivered over the same window, with a processor that
 * does no decoding, so nothing but the reader's own work is measured.
 *
 * <p>Two consumers of the ring: {@code fast} (the workers only touch each sample, so the reader is
 * the limit and the ring is mostly empty) and {@code throttled} (each sample parks its worker for
 * 300 µs, so 2 workers take about 6,600 images/s and the reader meets a full ring, as it does
 * behind real decode workers). The first two epochs are warm-up; the window ends before the
 * reader's last epoch, so the reader's lead over the consumer (at most the ring and the slabs) is
 * the same at both ends.
 *
 * <p>Runs in a JVM of its own, once per configuration, and prints one line {@code
 * readerCpuMicrosPerImage=… images=… wallImagesPerSecond=… workerBusyPercent=…}: the last is the
 * workers' time in the processor over the window's wall time, which stays near 100 % when the
 * reader keeps the throttled workers fed. Usage: {@code ReaderCostProbe folder|tfrecord
 * fast|throttled <dataset dir> [files=1024] [sampleBytes=110000] [epochs=24]}. The dataset (files
 * of {@code sampleBytes} ± 40 % in 10 class folders, and the same samples in 8 indexed TFRecord
 * shards) is written into the folder when it is empty, and reused otherwise.
 */
public final class ReaderCostProbe {
  private static final int SHARDS = 8;
  private static final long THROTTLE_NANOS = 300_000;

  private ReaderCostProbe() {}

  /**
   * Measures one configuration.
   *
   * @param args {@code folder|tfrecord fast|throttled dir [files] [sampleBytes] [epochs]}
   * @throws IOException when the dataset cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    String kind = args[0];
    boolean throttled =
        switch (args[1]) {
          case "fast" -> false;
          case "throttled" -> true;
          default ->
              throw new IllegalArgumentException(
                  "consumer=" + args[1] + " (expected: fast or throttled)");
        };
    Path dir = Path.of(args[2]);
    int files = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
    int sampleBytes = args.length > 4 ? Integer.parseInt(args[4]) : 110_000;
    int epochs = args.length > 5 ? Integer.parseInt(args[5]) : 24;
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("done"))) {
      write(dir, files, sampleBytes);
    }
    try (Source source = open(kind, dir)) {
      Result r = measure(source, throttled, files, epochs);
      System.out.printf(
          Locale.ROOT,
          "source=%s consumer=%s readerCpuMicrosPerImage=%.2f images=%d"
              + " wallImagesPerSecond=%.0f workerBusyPercent=%.1f%n",
          kind,
          args[1],
          r.cpuNanos / 1e3 / r.images,
          r.images,
          r.images * 1e9 / r.wallNanos,
          100.0 * r.processNanos / (2.0 * r.wallNanos));
    }
  }

  private record Result(long cpuNanos, long images, long wallNanos, long processNanos) {}

  private static Source open(String kind, Path dir) throws IOException {
    return switch (kind) {
      case "folder" ->
          FolderSource.open(FolderOptions.builder(dir.resolve("folder").toString()).build());
      case "tfrecord" -> {
        List<String> shards = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
          shards.add(dir.resolve("train-" + s + ".tfrecord").toString());
        }
        yield TfRecordSource.open(TfRecordOptions.builder(shards).build());
      }
      default ->
          throw new IllegalArgumentException("source=" + kind + " (expected: folder or tfrecord)");
    };
  }

  private static Result measure(Source source, boolean throttled, int files, int epochs) {
    PipelineOptions options =
        PipelineOptions.builder()
            .name("probe")
            .source(source)
            .processor(context -> new Toucher(throttled))
            .imageSize(8, 8)
            .batchSize(32)
            .workers(2)
            .prefetchBatches(4)
            .epochs(epochs)
            .seed(1)
            .build();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long warm = 2L * files;
    long end = (epochs - 1L) * files;
    long cpu0 = -1;
    long images0 = 0;
    long wall0 = 0;
    long process0 = 0;
    long process1 = 0;
    long cpu1 = -1;
    long images1 = 0;
    long wall1 = 0;
    try (Pipeline pipeline = Pipeline.open(options)) {
      long reader = readerThreadId("probe-reader");
      long delivered = 0;
      while (pipeline.hasNext()) {
        try (Batch b = pipeline.next()) {
          delivered += b.size();
        }
        if (cpu0 < 0 && delivered >= warm) {
          cpu0 = mx.getThreadCpuTime(reader);
          images0 = delivered;
          wall0 = System.nanoTime();
          process0 = pipeline.metrics().processNanos();
        } else if (cpu0 >= 0 && cpu1 < 0 && delivered >= end) {
          cpu1 = mx.getThreadCpuTime(reader);
          images1 = delivered;
          wall1 = System.nanoTime();
          process1 = pipeline.metrics().processNanos();
        }
      }
    }
    if (cpu0 < 0 || cpu1 < 0) {
      throw new IllegalStateException("the reader ended before the window closed (epochs >= 4)");
    }
    return new Result(cpu1 - cpu0, images1 - images0, wall1 - wall0, process1 - process0);
  }

  private static long readerThreadId(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        return t.threadId();
      }
    }
    throw new IllegalStateException("no thread named " + name);
  }

  /** The stand-in for decode: reads the first and last byte, and parks when throttled. */
  private static final class Toucher implements SampleProcessor {
    private final boolean throttled;

    Toucher(boolean throttled) {
      this.throttled = throttled;
    }

    @Override
    public void process(EncodedSample sample, MemorySegment images, int index) {
      MemorySegment bytes = sample.bytes();
      byte first = bytes.get(ValueLayout.JAVA_BYTE, 0);
      byte last = bytes.get(ValueLayout.JAVA_BYTE, bytes.byteSize() - 1);
      images.set(ValueLayout.JAVA_BYTE, index * 192L, (byte) (first ^ last));
      if (throttled) {
        LockSupport.parkNanos(THROTTLE_NANOS);
      }
    }

    @Override
    public void close() {}
  }

  private static void write(Path dir, int files, int sampleBytes) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    List<TfRecordWriter> writers = new ArrayList<>();
    try {
      for (int s = 0; s < SHARDS; s++) {
        Path shard = dir.resolve("train-" + s + ".tfrecord");
        writers.add(
            TfRecordWriter.open(
                shard, TfRecordWriterOptions.builder().indexFile(Path.of(shard + ".idx")).build()));
      }
      for (int i = 0; i < files; i++) {
        byte[] bytes = new byte[(int) (sampleBytes * (0.6 + 0.8 * random.nextDouble()))];
        for (int j = 0; j < bytes.length; j += 7) {
          bytes[j] = (byte) random.nextInt();
        }
        Path file = dir.resolve("folder").resolve("c" + (i % 10)).resolve("img" + i + ".jpg");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        writers
            .get(i % SHARDS)
            .write(
                new ExampleWriter()
                    .putBytes("image/encoded", bytes)
                    .putInt64s("image/class/label", i % 10)
                    .toByteArray());
      }
    } finally {
      for (TfRecordWriter w : writers) {
        w.close();
      }
    }
    Files.writeString(dir.resolve("done"), "ok\n");
    try (Stream<Path> listing = Files.list(dir)) {
      if (listing.count() < SHARDS + 2) {
        throw new IOException(dir + ": dataset incomplete");
      }
    }
  }
}

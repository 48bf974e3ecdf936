package dev.stoker.bench;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Normalization;
import dev.stoker.augment.Resize;
import dev.stoker.bench.peer.FullScaleDecoder;
import dev.stoker.bench.peer.JobShard;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.io.Source;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.EncodedSample;
import dev.stoker.pipeline.ImageSampleProcessor;
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
 * {@code <name>-reader} divided by the images delivered over the same window.
 *
 * <p>Three kinds of worker: {@code fast} (the workers only touch each sample, so the reader is the
 * limit and the ring is mostly empty: the reader's rate alone), {@code throttled} (each sample
 * parks its worker for 300 µs, so the reader meets a full ring as it does behind real decode
 * workers, without their load on the machine) and {@code decode} (job G's own work: full-size
 * decode, resize to 224 × 224, float32). The first two epochs are warm-up; the window ends before
 * the reader's last epoch, so the reader's lead over the consumer (at most the ring and the slabs)
 * is the same at both ends.
 *
 * <p>Sources: {@code folder} (files of {@code sampleBytes} ± 40 % in 10 class folders), {@code
 * tfrecord} (the same samples in 8 indexed shards) and {@code jobg} (job G's kind of shard: the
 * repository's ImageNet-sized JPEGs repeated to {@code files} records, no index, read front to
 * back). The data are written into the given folder when missing, and reused otherwise.
 *
 * <p>Runs in a JVM of its own, once per configuration, and prints one line {@code
 * readerCpuMicrosPerImage=… images=… wallImagesPerSecond=… workerBusyPercent=…}; the last is the
 * workers' time in the processor over the window's wall time. Usage: {@code ReaderCostProbe
 * folder|tfrecord|jobg fast|throttled|decode <data dir> [files=1024] [sampleBytes=110000]
 * [epochs=24]}, with {@code --add-modules=jdk.incubator.vector} for {@code decode}.
 */
public final class ReaderCostProbe {
  private static final int SHARDS = 8;
  private static final long THROTTLE_NANOS = 300_000;
  private static final int JOB_G_SIZE = 224;

  private ReaderCostProbe() {}

  /**
   * Measures one configuration.
   *
   * @param args {@code folder|tfrecord fast|throttled dir [files] [sampleBytes] [epochs]}
   * @throws IOException when the dataset cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    String kind = args[0];
    Consumer consumer =
        switch (args[1]) {
          case "fast" -> Consumer.FAST;
          case "throttled" -> Consumer.THROTTLED;
          case "decode" -> Consumer.DECODE;
          default ->
              throw new IllegalArgumentException(
                  "consumer=" + args[1] + " (expected: fast, throttled or decode)");
        };
    Path dir = Path.of(args[2]);
    int files = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
    int sampleBytes = args.length > 4 ? Integer.parseInt(args[4]) : 110_000;
    int epochs = args.length > 5 ? Integer.parseInt(args[5]) : 24;
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("done"))) {
      write(dir, files, sampleBytes);
    }
    if (kind.equals("jobg") && !Files.exists(dir.resolve("jobg.tfrecord"))) {
      writeJobG(dir, files);
    }
    try (Source source = open(kind, dir)) {
      Result r = measure(source, consumer, files, epochs);
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
      case "jobg" ->
          TfRecordSource.open(
              TfRecordOptions.builder(List.of(dir.resolve("jobg.tfrecord").toString())).build());
      default ->
          throw new IllegalArgumentException(
              "source=" + kind + " (expected: folder, tfrecord or jobg)");
    };
  }

  /** What the workers do with each sample. */
  private enum Consumer {
    FAST,
    THROTTLED,
    DECODE
  }

  private static Result measure(Source source, Consumer consumer, int files, int epochs) {
    boolean decode = consumer == Consumer.DECODE;
    Augmentation resize =
        Augmentation.builder()
            .add(new Resize(JOB_G_SIZE, JOB_G_SIZE))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    PipelineOptions options =
        PipelineOptions.builder()
            .name("probe")
            .source(source)
            .processor(
                decode
                    ? ImageSampleProcessor.factory(
                        resize,
                        () -> new FullScaleDecoder(ImageDecoders.create(DecodeOptions.defaults())))
                    : context -> new Toucher(consumer == Consumer.THROTTLED))
            .imageSize(decode ? JOB_G_SIZE : 8, decode ? JOB_G_SIZE : 8)
            .elementType(decode ? ElementType.FLOAT32 : ElementType.UINT8)
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

  /**
   * Job G's kind of shard: real ImageNet-sized JPEGs ({@code imagenet-like} in the {@code
   * stoker.testdata.dir} property's folder, else in {@code testdata}), repeated to {@code files}
   * records, without an index, so the reader walks it front to back as job G's does.
   */
  private static void writeJobG(Path dir, int files) throws IOException {
    Path jpegs = Path.of(System.getProperty("stoker.testdata.dir", "testdata"), "imagenet-like");
    List<Path> images = JobShard.jpegs(jpegs, Integer.MAX_VALUE);
    if (images.isEmpty()) {
      throw new IOException(jpegs + ": no JPEGs (expected: the repository's testdata)");
    }
    try (TfRecordWriter writer =
        TfRecordWriter.open(dir.resolve("jobg.tfrecord"), TfRecordWriterOptions.defaults())) {
      ExampleWriter example = new ExampleWriter();
      for (int i = 0; i < files; i++) {
        writer.write(
            example
                .clear()
                .putBytes("image/encoded", Files.readAllBytes(images.get(i % images.size())))
                .putInt64s("image/class/label", i % 10)
                .toByteArray());
      }
    }
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

package dev.stoker.bench;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.HorizontalFlip;
import dev.stoker.augment.Normalization;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.augment.Resize;
import dev.stoker.bench.peer.JobShard;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineMetrics;
import dev.stoker.pipeline.PipelineOptions;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7's end-to-end measure: the whole pipeline over a TFRecord shard of the grain corpus, at
 * 224×224 with random-resized crop + flip, float32, against its own ceiling measured in the same
 * run: the same decode + augment kernel ({@link ImageSampleProcessor}) in a bare single-thread
 * loop. The target is {@code pipeline ≥ 0.9 × workers × kernel}.
 *
 * <p>Both benchmarks report {@code images} per second (an auxiliary counter, {@link Counters}). The
 * pipeline benchmark also counts {@code waitMicros} per second, the consumer's wait in {@code
 * next()} (÷ 10⁴ = input stall in %), and prints the pipeline's own view of it per iteration. With
 * {@code stepMillis > 0} the consumer parks that long per batch, as a training step on an
 * accelerator costs the CPU nothing. Run with {@code -prof gc} for heap allocation: divide {@code
 * gc.alloc.rate.norm} (per batch) by the batch size.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 8)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "-Xmx2g",
      "--add-modules=jdk.incubator.vector"
    })
public class PipelineBenchmark {

  /** The benchmark's configuration, shared by the pipeline and its kernel peer. */
  @State(Scope.Benchmark)
  public static class Config {
    /** The folder of JPEGs written into the shard. */
    @Param({"testdata/imagenet-like"})
    public String corpus;

    /** Output side in pixels. */
    @Param({"224"})
    public int size;

    /** Random-resized crop + horizontal flip, or a plain resize. */
    @Param({"true"})
    public boolean augment;

    /** Output element type. */
    @Param({"FLOAT32"})
    public String dtype;

    Augmentation augmentation() {
      Augmentation.Builder b = Augmentation.builder();
      if (augment) {
        b.add(RandomResizedCrop.of(size)).add(new HorizontalFlip(0.5));
      } else {
        b.add(new Resize(size, size));
      }
      return b.normalization(Normalization.rescale(1f / 255)).build();
    }

    ElementType elementType() {
      return ElementType.valueOf(dtype.toUpperCase(Locale.ROOT));
    }
  }

  /** A running pipeline over a shard written at trial set-up. */
  @State(Scope.Benchmark)
  public static class Running {
    /** Decode workers. */
    @Param({"2"})
    public int workers;

    /** Batches prepared ahead of the consumer. */
    @Param({"4"})
    public int prefetch;

    /** Samples per batch. */
    @Param({"128"})
    public int batch;

    /** The consumer's simulated step per batch, parked, in milliseconds. */
    @Param({"0"})
    public int stepMillis;

    private Path dir;
    private TfRecordSource source;
    private Pipeline pipeline;
    private PipelineMetrics last;

    /**
     * Writes the corpus as one TFRecord shard and starts the pipeline.
     *
     * @param config the shared configuration
     * @throws IOException when the corpus cannot be read
     */
    @Setup(Level.Trial)
    public void start(Config config) throws IOException {
      dir = Files.createTempDirectory("stoker-bench");
      Path shard = JobShard.prepare(config.corpus, dir, Integer.MAX_VALUE);
      source = TfRecordSource.open(TfRecordOptions.builder(List.of(shard.toString())).build());
      pipeline =
          Pipeline.open(
              PipelineOptions.builder()
                  .name("bench")
                  .source(source)
                  .processor(
                      ImageSampleProcessor.factory(config.augmentation(), DecodeOptions.defaults()))
                  .imageSize(config.size, config.size)
                  .elementType(config.elementType())
                  .batchSize(batch)
                  .workers(workers)
                  .prefetchBatches(prefetch)
                  .epochs(1_000_000)
                  .seed(1)
                  .build());
      last = pipeline.metrics();
    }

    /** Prints the iteration's throughput and input stall from the pipeline's own counters. */
    @TearDown(Level.Iteration)
    public void report() {
      PipelineMetrics now = pipeline.metrics();
      long images = now.samplesDelivered() - last.samplesDelivered();
      long nanos = now.consumingNanos() - last.consumingNanos();
      long waited = now.waitNanos() - last.waitNanos();
      System.out.printf(
          Locale.ROOT,
          "%n[pipeline] %.1f img/s, input stall %.2f %%, worker busy %.1f %%, heap-free steady state"
              + " check: off-heap %d of %d bytes%n",
          images * 1e9 / nanos,
          100.0 * waited / nanos,
          100.0 * (now.processNanos() - last.processNanos()) / (nanos * (double) workers),
          now.memoryUsed(),
          now.memoryLimit());
      last = now;
    }

    /**
     * Stops the pipeline and removes the shard.
     *
     * @throws IOException when the temporary files cannot be removed
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
      pipeline.close();
      source.close();
      JobShard.deleteTree(dir);
    }
  }

  /** One decode + augment kernel with a one-sample slab, driven on the benchmark thread. */
  @State(Scope.Thread)
  public static class Kernel {
    private BareKernel kernel;

    /**
     * Loads the corpus and creates the processor.
     *
     * @param config the shared configuration
     * @throws IOException when the images cannot be read
     */
    @Setup(Level.Trial)
    public void start(Config config) throws IOException {
      kernel =
          new BareKernel(
              "kernel",
              new JpegCorpus(config.corpus),
              new BatchLayout(
                  1, config.size, config.size, 3, config.elementType(), ChannelOrder.NHWC),
              ImageSampleProcessor.factory(config.augmentation(), DecodeOptions.defaults()));
    }

    /** Frees everything; fails, naming the leak, if the processor kept memory. */
    @TearDown(Level.Trial)
    public void stop() {
      kernel.close();
    }
  }

  /**
   * Takes one batch from the pipeline, optionally parks for the simulated step, and closes it.
   *
   * @param running the pipeline
   * @param counter the image counter
   * @return a label, consumed by JMH
   */
  @Benchmark
  @Threads(1)
  public long pipeline(Running running, Counters counter) {
    long t0 = System.nanoTime();
    try (Batch b = running.pipeline.next()) {
      counter.waited(t0);
      if (running.stepMillis > 0) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(running.stepMillis));
      }
      counter.images += b.size();
      return b.label(0);
    }
  }

  /**
   * Decodes and augments one corpus image into a slab on this thread: the kernel's single-thread
   * rate, the pipeline's ceiling per worker.
   *
   * @param kernel the processor and slab
   * @param counter the image counter
   * @return the slab, consumed by JMH
   * @throws Exception when an image fails to decode
   */
  @Benchmark
  @Threads(1)
  public MemorySegment kernel(Kernel kernel, Counters counter) throws Exception {
    MemorySegment slab = kernel.kernel.processNext();
    counter.images++;
    return slab;
  }
}

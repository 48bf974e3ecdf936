package dev.stoker.bench;

import dev.stoker.bench.peer.JdkPipeline;
import dev.stoker.bench.peer.JobShard;
import dev.stoker.bench.peer.StokerJob;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.bench.peer.TfDataPipeline;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.pipeline.Batch;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Jobs G and P, Stoker against its peers on the same shard in the same run: resize every image to
 * {@code size × size} bilinear, float32 in [0, 1], batches of {@code batch}.
 *
 * <ul>
 *   <li>{@link #stoker}: Stoker's pipeline ({@link StokerJob}); with {@code dct=full} it decodes at
 *       full size as tf.data does (job G, whose output the runner checks equal to tf.data's), with
 *       {@code dct=auto} it picks the DCT scale (job P).
 *   <li>{@link #tfdata}: tf.data through raw ops ({@link TfDataPipeline}), {@code
 *       num_parallel_calls} = workers or AUTOTUNE ({@code tfCalls}), session threads = workers.
 *   <li>{@link #jdk}: an executor over ImageIO + Graphics2D ({@link JdkPipeline}).
 *   <li>{@link #ceiling}: Stoker's decode + resize kernel in a bare loop on each benchmark thread;
 *       run it with as many threads as workers ({@code -t}).
 * </ul>
 *
 * <p>Every benchmark counts {@code images} per second; the consumers also count {@code waitMicros}
 * per second (÷ 10⁴ = input stall in %). With {@code stepMillis > 0} the consumer parks that long
 * per batch, a simulated training step. One fork, 2 × 4 s warm-up, 3 × 5 s measurement unless the
 * runner says otherwise.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "-Xmx2g",
      "--add-modules=jdk.incubator.vector"
    })
public class JobBenchmark {

  /** The job: its files, shape and the parallelism every engine gets. */
  @State(Scope.Benchmark)
  public static class Job {
    /** A folder of JPEGs (written into a shard at set-up) or a TFRecord shard. */
    @Param({"testdata/imagenet-like"})
    public String source;

    /** The most images taken from a folder. */
    @Param({"1000000"})
    public int limit;

    /** Output side in pixels. */
    @Param({"224"})
    public int size;

    /** Images per batch. */
    @Param({"64"})
    public int batch;

    /** Worker threads of every engine; 0 is Stoker's AUTO (only the stoker benchmark takes it). */
    @Param({"2"})
    public int workers;

    /** Batches prepared ahead of the consumer; 0 is Stoker's AUTO. */
    @Param({"4"})
    public int prefetch;

    /** {@code full}: decode at full size (job G); {@code auto}: Stoker picks the DCT scale (P). */
    @Param({"full"})
    public String dct;

    /** The consumer's simulated step per batch, parked, in milliseconds. */
    @Param({"0"})
    public int stepMillis;

    Path dir;
    Path shard;

    /**
     * Writes the shard.
     *
     * @throws IOException when the source cannot be read
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
      dir = Files.createTempDirectory("stoker-job");
      shard = JobShard.prepare(source, dir, limit);
    }

    /**
     * Removes the shard.
     *
     * @throws IOException when it cannot be removed
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
      JobShard.deleteTree(dir);
    }

    boolean dctScaling() {
      return dct.equals("auto");
    }

    void step() {
      if (stepMillis > 0) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(stepMillis));
      }
    }
  }

  /** Stoker's pipeline. */
  @State(Scope.Benchmark)
  public static class StokerState {
    StokerJob job;

    /**
     * Opens the pipeline.
     *
     * @param j the job
     * @throws IOException when the shard cannot be opened
     */
    @Setup(Level.Trial)
    public void start(Job j) throws IOException {
      job =
          StokerJob.open(
              j.shard, j.size, j.batch, j.workers, j.prefetch, j.dctScaling(), Long.MAX_VALUE / 2);
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void stop() {
      job.close();
    }
  }

  /** tf.data. */
  @State(Scope.Benchmark)
  public static class TfState {
    /** {@code workers}: num_parallel_calls = workers; {@code autotune}: AUTOTUNE. */
    @Param({"workers"})
    public String tfCalls;

    /** DecodeJpeg's dct_method: INTEGER_ACCURATE (as Stoker decodes) or empty (TF's default). */
    @Param({"INTEGER_ACCURATE"})
    public String tfDct;

    /** DecodeJpeg's ratio: 1 (full size) or the static DCT downscale chosen for the set. */
    @Param({"1"})
    public String tfRatio;

    TfDataPipeline pipeline;

    /**
     * Builds the graph and the session.
     *
     * @param j the job
     */
    @Setup(Level.Trial)
    public void start(Job j) {
      TfDataOptions options =
          TfDataOptions.of(List.of(j.shard.toString()), j.size, j.batch, j.workers, j.prefetch)
              .withParallelCalls(tfCalls.equals("autotune") ? TfDataOptions.AUTOTUNE : j.workers)
              .withDctMethod(tfDct.equals("default") ? "" : tfDct)
              .withRatio(Integer.parseInt(tfRatio));
      pipeline = TfDataPipeline.open(options);
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void stop() {
      pipeline.close();
    }
  }

  /** The plain-JDK peer. */
  @State(Scope.Benchmark)
  public static class JdkState {
    JdkPipeline pipeline;

    /**
     * Reads the shard's images and starts the executor.
     *
     * @param j the job
     * @throws IOException when the shard cannot be read
     */
    @Setup(Level.Trial)
    public void start(Job j) throws IOException {
      pipeline =
          new JdkPipeline(JobShard.readImages(j.shard), j.size, j.batch, j.workers, j.prefetch);
    }

    /** Stops the executor. */
    @TearDown(Level.Trial)
    public void stop() {
      pipeline.close();
    }
  }

  /** One bare kernel per benchmark thread. */
  @State(Scope.Thread)
  public static class Kernel {
    private BareKernel kernel;

    /**
     * Loads the shard's images into native memory and creates the processor.
     *
     * @param j the job
     * @throws IOException when the images cannot be read
     */
    @Setup(Level.Trial)
    public void start(Job j) throws IOException {
      kernel =
          new BareKernel(
              "ceiling",
              new JpegCorpus(JobShard.readImages(j.shard)),
              new BatchLayout(1, j.size, j.size, 3, ElementType.FLOAT32, ChannelOrder.NHWC),
              StokerJob.processor(j.size, j.dctScaling()));
    }

    /** Frees everything; fails, naming the leak, if the processor kept memory. */
    @TearDown(Level.Trial)
    public void stop() {
      kernel.close();
    }
  }

  /**
   * Takes one batch from Stoker's pipeline.
   *
   * @param s the pipeline
   * @param j the job
   * @param c the counters
   * @return a label, consumed by JMH
   */
  @Benchmark
  @Threads(1)
  public long stoker(StokerState s, Job j, Counters c) {
    long t0 = System.nanoTime();
    try (Batch b = s.job.pipeline().next()) {
      c.waited(t0);
      j.step();
      c.images += b.size();
      return b.label(0);
    }
  }

  /**
   * Takes one batch from tf.data.
   *
   * @param s the pipeline
   * @param j the job
   * @param c the counters
   * @return a pixel, consumed by JMH
   */
  @Benchmark
  @Threads(1)
  public float tfdata(TfState s, Job j, Counters c) {
    long t0 = System.nanoTime();
    try (Result r = s.pipeline.next()) {
      c.waited(t0);
      j.step();
      TFloat32 images = (TFloat32) r.get(0);
      c.images += images.shape().get(0);
      return images.getFloat(0, 0, 0, 0);
    }
  }

  /**
   * Takes one batch from the plain-JDK peer.
   *
   * @param s the pipeline
   * @param j the job
   * @param c the counters
   * @return a pixel, consumed by JMH
   * @throws InterruptedException when interrupted
   */
  @Benchmark
  @Threads(1)
  public float jdk(JdkState s, Job j, Counters c) throws InterruptedException {
    long t0 = System.nanoTime();
    float[] b = s.pipeline.next();
    c.waited(t0);
    j.step();
    c.images += j.batch;
    return b[0];
  }

  /**
   * Decodes and resizes one image with Stoker's kernel on this thread.
   *
   * @param k the kernel
   * @param c the counters
   * @return a pixel, consumed by JMH
   * @throws Exception when an image fails to decode
   */
  @Benchmark
  @Threads(2)
  public MemorySegment ceiling(Kernel k, Counters c) throws Exception {
    MemorySegment slab = k.kernel.processNext();
    c.images++;
    return slab;
  }
}

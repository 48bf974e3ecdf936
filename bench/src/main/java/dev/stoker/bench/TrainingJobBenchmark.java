package dev.stoker.bench;

import dev.stoker.bench.peer.StokerJob;
import dev.stoker.bench.peer.TfDataOptions;
import dev.stoker.bench.peer.TfDataPipeline;
import dev.stoker.bench.peer.TfResNetTraining;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.pipeline.Batch;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Job T, ImageNet training preprocessing, Stoker against tf.data on the same shard ({@link
 * JobBenchmark.Job}): a random crop drawn as TensorFlow's {@code sample_distorted_bounding_box}
 * draws it, a random horizontal flip, bilinear resize to {@code size × size}, ImageNet mean/std
 * normalisation, float32 batches.
 *
 * <ul>
 *   <li>{@link #stoker}: {@link StokerJob#trainingProcessor}, through the public pipeline API.
 *   <li>{@link #tfdata}: the official ResNet preprocessing as graph ops ({@link TfResNetTraining}),
 *       {@code DecodeAndCropJpeg} decoding only the crop.
 * </ul>
 *
 * <p>The methods are named as {@link JobBenchmark}'s, so the report computes the ratio the same
 * way. The crops differ image by image (each engine draws its own), so the outputs cannot be
 * compared; the report's KS test shows that the crops follow the same distribution.
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
public class TrainingJobBenchmark {

  /** Stoker's pipeline. */
  @State(Scope.Benchmark)
  public static class StokerState {
    /** Whether Stoker decodes with the fast IDCT, which the official pipeline's default is. */
    @Param({"true"})
    public boolean fastDct;

    StokerJob job;

    /**
     * Opens the pipeline.
     *
     * @param j the job
     * @throws IOException when the shard cannot be opened
     */
    @Setup(Level.Trial)
    public void start(JobBenchmark.Job j) throws IOException {
      job =
          StokerJob.open(
              j.shard,
              j.size,
              j.batch,
              j.workers,
              j.prefetch,
              Long.MAX_VALUE / 2,
              null,
              StokerJob.trainingProcessor(
                  j.size, DecodeOptions.builder().fastDct(fastDct).build()));
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

    /** DecodeAndCropJpeg's dct_method: {@code default} (TensorFlow's, the official) or another. */
    @Param({"default"})
    public String tfDct;

    TfDataPipeline pipeline;

    /**
     * Builds the graph and the session.
     *
     * @param j the job
     */
    @Setup(Level.Trial)
    public void start(JobBenchmark.Job j) {
      TfDataOptions options =
          TfDataOptions.of(List.of(j.shard.toString()), j.size, j.batch, j.workers, j.prefetch)
              .withParallelCalls(tfCalls.equals("autotune") ? TfDataOptions.AUTOTUNE : j.workers)
              .withDctMethod(tfDct.equals("default") ? "" : tfDct);
      pipeline = TfDataPipeline.open(options, TfResNetTraining::preprocess);
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void stop() {
      pipeline.close();
    }
  }

  /**
   * Takes one batch from Stoker's pipeline.
   *
   * @param s the pipeline
   * @param c the counters
   * @return a label, consumed by JMH
   */
  @Benchmark
  @Threads(1)
  public long stoker(StokerState s, Counters c) {
    long t0 = System.nanoTime();
    try (Batch b = s.job.pipeline().next()) {
      c.waited(t0);
      c.images += b.size();
      return b.label(0);
    }
  }

  /**
   * Takes one batch from tf.data.
   *
   * @param s the pipeline
   * @param c the counters
   * @return a pixel, consumed by JMH
   */
  @Benchmark
  @Threads(1)
  public float tfdata(TfState s, Counters c) {
    long t0 = System.nanoTime();
    try (Result r = s.pipeline.next()) {
      c.waited(t0);
      TFloat32 images = (TFloat32) r.get(0);
      c.images += images.shape().get(0);
      return images.getFloat(0, 0, 0, 0);
    }
  }
}

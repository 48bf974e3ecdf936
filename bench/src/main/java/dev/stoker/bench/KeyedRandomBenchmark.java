package dev.stoker.bench;

import dev.stoker.core.random.KeyedRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the random draws one sample's augmentation needs: re-keying the counter-based
 * generator per sample and drawing a few values, against the JDK's {@link SplittableRandom} split
 * per sample (the stateful alternative, which cannot be replayed out of order).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KeyedRandomBenchmark {
  /** How many values one sample draws: a random-resized crop with flip needs about eight. */
  @Param({"8", "32"})
  public int draws;

  private final KeyedRandom keyed = new KeyedRandom();
  private final SplittableRandom root = new SplittableRandom(42);
  private long sampleId;

  /**
   * Re-keys the Philox generator for the next sample and draws {@link #draws} doubles.
   *
   * @return the sum of the draws, consumed by JMH
   */
  @Benchmark
  public double keyedPerSample() {
    keyed.reset(42, 1, sampleId++, 0);
    double sum = 0;
    for (int i = 0; i < draws; i++) {
      sum += keyed.nextDouble();
    }
    return sum;
  }

  /**
   * Splits a {@link SplittableRandom} for the next sample and draws {@link #draws} doubles.
   *
   * @return the sum of the draws, consumed by JMH
   */
  @Benchmark
  public double splittablePerSample() {
    SplittableRandom rnd = root.split();
    double sum = 0;
    for (int i = 0; i < draws; i++) {
      sum += rnd.nextDouble();
    }
    return sum;
  }
}

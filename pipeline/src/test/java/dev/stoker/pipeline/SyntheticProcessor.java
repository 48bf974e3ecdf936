package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.random.KeyedRandom;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes, for each sample, bytes that depend only on (seed, epoch, id): a stand-in for decode and
 * augmentation with the same determinism contract. Optionally sleeps a random, keyed time to
 * shuffle completion order, and fails on chosen ids.
 */
final class SyntheticProcessor implements SampleProcessor {
  private final BatchLayout layout;
  private final long seed;
  private final KeyedRandom rnd = new KeyedRandom();
  private final long maxDelayNanos;
  private final Set<Long> failing;

  SyntheticProcessor(WorkerContext context, long maxDelayNanos, Set<Long> failing) {
    this.layout = context.layout();
    this.seed = context.seed();
    this.maxDelayNanos = maxDelayNanos;
    this.failing = failing;
  }

  static SampleProcessor.Factory factory(long maxDelayNanos, Set<Long> failing) {
    return context -> new SyntheticProcessor(context, maxDelayNanos, failing);
  }

  /** The expected bytes of one sample, computed independently of the pipeline. */
  static byte[] expected(BatchLayout layout, long seed, long epoch, long id) {
    byte[] out = new byte[(int) layout.sampleBytes()];
    KeyedRandom r = KeyedRandom.of(seed, epoch, id, 3);
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) r.nextInt();
    }
    return out;
  }

  @Override
  public void process(EncodedSample sample, MemorySegment images, int index) {
    long id = sample.bytes().get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
    if (id != sample.sampleId() || sample.bytes().get(ValueLayout.JAVA_LONG_UNALIGNED, 8) != id) {
      throw new AssertionError("bytes of sample " + sample.sampleId() + " hold " + id);
    }
    if (failing.contains(id)) {
      throw new IllegalArgumentException("corrupt JPEG: premature end of data segment");
    }
    if (maxDelayNanos > 0) {
      rnd.reset(seed, sample.epoch(), id, 9);
      LockSupport.parkNanos((long) (rnd.nextDouble() * maxDelayNanos));
    }
    rnd.reset(seed, sample.epoch(), id, 3);
    long base = index * layout.sampleBytes();
    for (long i = 0; i < layout.sampleBytes(); i++) {
      images.set(ValueLayout.JAVA_BYTE, base + i, (byte) rnd.nextInt());
    }
  }

  @Override
  public void close() {}
}

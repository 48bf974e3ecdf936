package dev.stoker.convert;

import dev.stoker.core.random.KeyedRandom;

/**
 * Where each sample of one split goes: {@code count} samples over {@code shards} shards of equal
 * size (sizes differ by at most one: shard {@code i} holds slots {@code floor(i n / S)} to {@code
 * floor((i + 1) n / S) - 1}), with the {@code k}-th sample to arrive put in slot {@code π(k)} of a
 * seeded uniform permutation {@code π}. So every shard receives a uniform random subset of the
 * split, whatever the input's order (class folders read class by class make well-mixed shards).
 *
 * <p>Holds {@code 4 n} bytes of heap. Immutable after construction; not thread-safe to build.
 */
public final class ShardLayout {
  private static final int STREAM_SHARDS = 0x5348_5244; // "SHRD"

  private final long count;
  private final int shards;
  private final int[] slotOfArrival;

  /**
   * Draws the layout of one split.
   *
   * @param count the split's samples
   * @param shards its shard count, from {@link #shardCount}
   * @param seed the conversion's seed
   * @param split the index of the split
   */
  public ShardLayout(long count, int shards, long seed, int split) {
    if (count >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("samples=" + count + " (expected: < 2^31 - 1 per split)");
    }
    this.count = count;
    this.shards = shards;
    int n = (int) count;
    slotOfArrival = new int[n];
    for (int i = 0; i < n; i++) {
      slotOfArrival[i] = i;
    }
    KeyedRandom random = KeyedRandom.of(seed, split, -2L, STREAM_SHARDS);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = slotOfArrival[i];
      slotOfArrival[i] = slotOfArrival[j];
      slotOfArrival[j] = t;
    }
  }

  /**
   * Chooses a split's shard count: {@code shards} for the largest split and proportionally fewer
   * (at least one) for the others, so shards of every split hold about as many samples; or, with a
   * shard size, {@code ceil(n / size)}. Never more shards than samples.
   *
   * @param n the split's samples
   * @param largest the largest split's samples
   * @param shards the largest split's shard count, or 0 to use {@code shardSize}
   * @param shardSize the samples per shard when {@code shards} is 0
   * @return the split's shard count
   */
  public static int shardCount(long n, long largest, int shards, long shardSize) {
    if (n == 0) {
      return 0;
    }
    long s =
        shards > 0
            ? Math.max(1, Math.round((double) shards * n / largest))
            : (n + shardSize - 1) / shardSize;
    return (int) Math.min(s, n);
  }

  /**
   * Returns the split's shard count.
   *
   * @return the count
   */
  public int shards() {
    return shards;
  }

  /**
   * Returns the shard of the {@code arrival}-th sample, counting from 0.
   *
   * @param arrival the sample's place in the split's read order
   * @return its shard
   */
  public int shardOf(long arrival) {
    long slot = slotOfArrival[(int) arrival];
    // The largest i with floor(i n / S) <= slot.
    int i = (int) ((slot * shards + shards - 1) / count);
    while (i > 0 && start(i) > slot) {
      i--;
    }
    while (i + 1 < shards && start(i + 1) <= slot) {
      i++;
    }
    return i;
  }

  /** Returns how many samples shard {@code i} is planned to hold. */
  long planned(int i) {
    return start(i + 1) - start(i);
  }

  private long start(int i) {
    return i * count / shards;
  }
}

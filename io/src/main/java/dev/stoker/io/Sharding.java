package dev.stoker.io;

import dev.stoker.core.Checks;

/**
 * This process's share of each epoch when a job runs on {@code worldSize} processes.
 *
 * <p>Every rank gets the same number of samples, so collective operations stay in step. When the
 * epoch's sample count {@code n} is not a multiple of {@code worldSize}, the {@link Remainder}
 * decides: {@link Remainder#PAD} gives every rank {@code ceil(n / worldSize)} samples, repeating
 * the first planned samples of the epoch to fill the last ranks; {@link Remainder#DROP} gives every
 * rank {@code floor(n / worldSize)} and leaves out the last planned samples of the epoch (a
 * different set each epoch, as the plan is reshuffled). Either way the union over all ranks is the
 * epoch exactly once, up to those repeats or omissions.
 *
 * <p>A source that does not count its samples before reading (a TFRecord source opened with {@code
 * TfRecordOptions.Counting.NONE}) applies the same rule to its <em>shards</em>: every rank gets the
 * same number of shards, PAD repeating and DROP leaving out whole shards, so ranks may read
 * different numbers of samples.
 *
 * @param rank this process's index, in {@code [0, worldSize)}
 * @param worldSize how many processes share the epoch
 * @param remainder what to do with the samples that do not divide evenly
 */
public record Sharding(int rank, int worldSize, Remainder remainder) {
  /** What to do with an epoch that does not divide evenly over the ranks. */
  public enum Remainder {
    /** Repeat the first planned samples so every rank gets {@code ceil(n / worldSize)}. */
    PAD,
    /** Leave out the last planned samples so every rank gets {@code floor(n / worldSize)}. */
    DROP
  }

  /** One process only, nothing to pad or drop. */
  public static final Sharding SINGLE = new Sharding(0, 1, Remainder.PAD);

  /**
   * Validates the sharding.
   *
   * @throws IllegalArgumentException when {@code worldSize <= 0} or {@code rank} is out of range
   */
  public Sharding {
    Checks.positive("worldSize", worldSize);
    Checks.require(rank >= 0 && rank < worldSize, "rank", rank, "in [0, " + (worldSize - 1) + "]");
    Checks.require(remainder != null, "remainder", remainder, "PAD or DROP");
  }

  /**
   * Returns how many samples each rank gets of an epoch of {@code n} samples.
   *
   * @param n the epoch's sample count
   * @return the per-rank count
   */
  public long perRank(long n) {
    return remainder == Remainder.PAD ? (n + worldSize - 1) / worldSize : n / worldSize;
  }
}

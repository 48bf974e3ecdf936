package dev.stoker.io;

import dev.stoker.core.Checks;
import dev.stoker.core.random.KeyedRandom;
import java.util.Arrays;

/**
 * The order in which one rank reads the samples of one epoch: a seeded shuffle keyed by {@code
 * (seed, epoch)}, then this rank's contiguous share of it.
 *
 * <p>A dataset is a list of <em>units</em> (a shard, a Parquet row group, or one unit holding every
 * sample), each with a sample count. Sample ids are dataset-wide: unit {@code u}'s samples are
 * {@code unitStart(u) .. unitStart(u) + size(u) - 1}. Two modes build the epoch's order:
 *
 * <ul>
 *   <li><b>{@link Mode#SAMPLES}</b>, for sources that read any sample at any time (image folders,
 *       TFRecord shards with index files): a uniform random permutation of all sample ids
 *       (Fisher–Yates driven by {@link KeyedRandom}). Every order is equally likely; units play no
 *       part.
 *   <li><b>{@link Mode#UNITS}</b>, for sources that read a unit front to back (TFRecord without an
 *       index, Parquet row groups): a uniform random permutation of the units, read {@code cycle}
 *       at a time and interleaved one sample at a time (when a unit ends, the next unit in the
 *       permutation takes its place, as tf.data's {@code interleave}). Within a unit, samples come
 *       in file order, or in a uniform random order when the source loads a unit whole ({@code
 *       shuffleWithinUnits}, Parquet). <em>What it guarantees:</em> the order of units is uniformly
 *       random each epoch and at any moment samples of {@code cycle} units are mixed; <em>what it
 *       does not:</em> two samples of one unit stay close together (at most about {@code cycle ×
 *       unit size} positions apart), so a dataset written in class order shuffles poorly. Write
 *       shards shuffled (as {@code tfrecord-convert} does), keep units small, or add index files
 *       and use {@link Mode#SAMPLES}.
 * </ul>
 *
 * <p>An epoch read {@link EpochOrder#IN_ORDER} (Keras' {@code shuffle=False}) uses {@link
 * #inOrder}: sample ids {@code 0 .. n-1} ascending, whatever the seed and epoch.
 *
 * <p>The epoch's order of {@code n} samples is then cut into {@code worldSize} contiguous runs of
 * {@link Sharding#perRank(long)} samples; rank {@code r} gets run {@code r}. With {@link
 * Sharding.Remainder#PAD} the last runs wrap around to the start of the order. Contiguous runs keep
 * each rank on few units in {@link Mode#UNITS}.
 *
 * <p><b>Cost.</b> Building a plan takes {@code O(n)} time and {@code 4 n} bytes of heap for a
 * moment; the plan keeps {@code 4 × perRank} bytes. Datasets are limited to {@code 2^31 - 1}
 * samples. Immutable and thread-safe once built.
 */
public final class EpochPlan {
  /** How the epoch's order is drawn. */
  public enum Mode {
    /** A permutation of all samples. */
    SAMPLES,
    /** A permutation of units, interleaved {@code cycle} at a time. */
    UNITS
  }

  /** The key that separates planning draws from the per-sample augmentation draws. */
  private static final long PLAN_KEY = -1L;

  private static final int STREAM_ORDER = 0x504C_414E; // "PLAN"
  private static final int STREAM_WITHIN = 0x5749_5448; // "WITH"

  private final long[] unitStarts;
  private final int[] order;
  private final long total;

  private EpochPlan(long[] unitStarts, int[] order, long total) {
    this.unitStarts = unitStarts;
    this.order = order;
    this.total = total;
  }

  /**
   * Builds the plan for one rank and one epoch.
   *
   * @param unitSizes how many samples each unit holds, in the dataset's order
   * @param mode how the order is drawn
   * @param cycle how many units are interleaved at once in {@link Mode#UNITS}; ignored otherwise
   * @param shuffleWithinUnits whether {@link Mode#UNITS} shuffles samples inside each unit
   * @param seed the run's seed
   * @param epoch the epoch
   * @param sharding this rank's share
   * @return the plan
   * @throws IllegalArgumentException when the dataset is empty or too large, or {@code cycle <= 0}
   */
  public static EpochPlan build(
      long[] unitSizes,
      Mode mode,
      int cycle,
      boolean shuffleWithinUnits,
      long seed,
      long epoch,
      Sharding sharding) {
    Checks.positive("cycle", cycle);
    long[] starts = starts(unitSizes);
    int n = (int) starts[unitSizes.length];
    int[] all =
        mode == Mode.SAMPLES
            ? permutation(n, KeyedRandom.of(seed, epoch, PLAN_KEY, STREAM_ORDER))
            : interleave(unitSizes, starts, cycle, shuffleWithinUnits, seed, epoch);
    return share(starts, all, sharding);
  }

  /**
   * Builds the plan of an unshuffled epoch ({@link EpochOrder#IN_ORDER}): sample ids {@code 0 ..
   * n-1} in ascending order, so units are read one after the other front to back, and this rank's
   * contiguous share of that order. Every epoch is the same.
   *
   * @param unitSizes how many samples each unit holds, in the dataset's order
   * @param sharding this rank's share
   * @return the plan
   * @throws IllegalArgumentException when the dataset is empty or too large
   */
  public static EpochPlan inOrder(long[] unitSizes, Sharding sharding) {
    long[] starts = starts(unitSizes);
    int[] all = new int[(int) starts[unitSizes.length]];
    Arrays.setAll(all, i -> i);
    return share(starts, all, sharding);
  }

  /**
   * Returns the epoch's order of units that {@link Mode#UNITS} interleaves: a uniform random
   * permutation of {@code 0 .. units-1} keyed by {@code (seed, epoch)}. A source that reads units
   * without knowing their sizes (TFRecord shards that were not counted) plans with it directly.
   *
   * @param units how many units the dataset has
   * @param seed the run's seed
   * @param epoch the epoch
   * @return a fresh permutation
   * @throws IllegalArgumentException when {@code units} is negative
   */
  public static int[] unitOrder(int units, long seed, long epoch) {
    Checks.require(units >= 0, "units", units, ">= 0");
    return permutation(units, KeyedRandom.of(seed, epoch, PLAN_KEY, STREAM_ORDER));
  }

  /** The first sample id of every unit, and the total at the end; checks the total. */
  private static long[] starts(long[] unitSizes) {
    long[] starts = new long[unitSizes.length + 1];
    for (int u = 0; u < unitSizes.length; u++) {
      Checks.require(unitSizes[u] >= 0, "unitSizes[" + u + "]", unitSizes[u], ">= 0");
      starts[u + 1] = starts[u] + unitSizes[u];
    }
    long n = starts[unitSizes.length];
    Checks.require(n > 0, "samples", n, "> 0: the dataset is empty");
    Checks.require(n < Integer.MAX_VALUE, "samples", n, "< 2^31 - 1");
    return starts;
  }

  /** Cuts the epoch's whole order into this rank's contiguous run. */
  private static EpochPlan share(long[] starts, int[] all, Sharding sharding) {
    long n = all.length;
    long per = sharding.perRank(n);
    Checks.require(per < Integer.MAX_VALUE, "samples per rank", per, "< 2^31 - 1");
    int[] mine = new int[(int) per];
    long first = sharding.rank() * per;
    for (int p = 0; p < mine.length; p++) {
      mine[p] = all[(int) ((first + p) % n)];
    }
    return new EpochPlan(starts, mine, n);
  }

  /** Fisher–Yates: every permutation of {@code 0..n-1} equally likely. */
  private static int[] permutation(int n, KeyedRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static int[] interleave(
      long[] sizes, long[] starts, int cycle, boolean shuffleWithin, long seed, long epoch) {
    int units = sizes.length;
    int[] unitOrder = unitOrder(units, seed, epoch);
    int[] out = new int[(int) starts[units]];
    int[][] within = new int[units][];
    int[] slotUnit = new int[Math.min(cycle, units)];
    int[] slotNext = new int[slotUnit.length];
    int nextUnit = 0;
    for (int s = 0; s < slotUnit.length; s++) {
      slotUnit[s] = -1;
    }
    int written = 0;
    while (written < out.length) {
      for (int s = 0; s < slotUnit.length && written < out.length; s++) {
        while (slotUnit[s] < 0 || slotNext[s] == sizes[slotUnit[s]]) {
          if (slotUnit[s] >= 0) {
            slotUnit[s] = -1;
          }
          if (nextUnit == units) {
            break;
          }
          int u = unitOrder[nextUnit++];
          slotUnit[s] = u;
          slotNext[s] = 0;
          if (shuffleWithin) {
            within[u] = permutation((int) sizes[u], KeyedRandom.of(seed, epoch, u, STREAM_WITHIN));
          }
        }
        if (slotUnit[s] < 0) {
          continue;
        }
        int u = slotUnit[s];
        int ordinal = slotNext[s]++;
        int[] w = within[u];
        out[written++] = (int) starts[u] + (w == null ? ordinal : w[ordinal]);
        if (slotNext[s] == sizes[u]) {
          within[u] = null;
        }
      }
    }
    return out;
  }

  /**
   * Returns how many samples this rank reads this epoch.
   *
   * @return the per-rank count
   */
  public long size() {
    return order.length;
  }

  /**
   * Returns how many samples the whole epoch holds, before sharding.
   *
   * @return the dataset's sample count
   */
  public long datasetSize() {
    return total;
  }

  /**
   * Returns the sample id this rank reads at a position.
   *
   * @param position the position, in {@code [0, size())}
   * @return the dataset-wide sample id
   */
  public long sampleAt(long position) {
    Checks.require(
        position >= 0 && position < order.length, "position", position, "in [0, " + size() + ")");
    return order[(int) position];
  }

  /**
   * Returns the unit that holds a sample.
   *
   * @param sampleId a dataset-wide sample id
   * @return the unit's index
   */
  public int unitOf(long sampleId) {
    int i = Arrays.binarySearch(unitStarts, sampleId);
    if (i >= 0) {
      while (i + 1 < unitStarts.length && unitStarts[i + 1] == sampleId) {
        i++; // skip empty units that start at the same id
      }
      return i;
    }
    return -i - 2;
  }

  /**
   * Returns the first sample id of a unit.
   *
   * @param unit the unit's index
   * @return its first sample id
   */
  public long unitStart(int unit) {
    return unitStarts[unit];
  }
}

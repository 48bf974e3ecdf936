package dev.stoker.core.random;

/**
 * The random generator behind every choice Stoker makes for a sample: keyed by {@code (seed, epoch,
 * sampleId)} and a stream index, and nothing else.
 *
 * <p>The numbers depend only on the key, never on which thread asks, in what order, or what was
 * drawn for other samples. A worker that augments sample 41 of epoch 3 draws exactly what any other
 * worker would, in this run or the next, so a pipeline's output is identical for any number of
 * threads and can resume mid-epoch. Streams separate independent uses for one sample (say, the crop
 * on stream 0 and the colour jitter on stream 1), so adding a draw to one never shifts the other.
 *
 * <pre>{@code
 * KeyedRandom rnd = new KeyedRandom();           // one per worker thread, reused
 * rnd.reset(seed, epoch, sampleId, STREAM_CROP);
 * double scale = rnd.uniform(0.08, 1.0);
 * boolean flip = rnd.nextBoolean(0.5);
 * }</pre>
 *
 * <p>Underneath is {@link Philox4x32 Philox4x32-10}. The 64-bit key is a mix of the seed and the
 * epoch; the 128-bit counter holds the sample id, the stream and a block index that advances every
 * four 32-bit draws.
 *
 * <p><b>Threading.</b> An instance is mutable and not thread-safe: give each thread its own, and
 * {@link #reset} it per sample. It allocates nothing after construction.
 */
public final class KeyedRandom {
  private static final double DOUBLE_UNIT = 0x1.0p-53;
  private static final float FLOAT_UNIT = 0x1.0p-24f;

  private final int[] block = new int[4];
  private int k0;
  private int k1;
  private int stream;
  private int sampleLo;
  private int sampleHi;
  private int blockIndex;
  private int used = 4;
  private double spareGaussian;
  private boolean hasSpareGaussian;

  /** Creates a generator keyed by {@code (0, 0, 0, 0)}. */
  public KeyedRandom() {
    reset(0, 0, 0, 0);
  }

  /**
   * Creates a generator for one key.
   *
   * @param seed the run's seed
   * @param epoch the epoch
   * @param sampleId the sample's id within the dataset
   * @param stream which independent sequence of this sample
   * @return a new generator positioned at the start of that sequence
   */
  public static KeyedRandom of(long seed, long epoch, long sampleId, int stream) {
    return new KeyedRandom().reset(seed, epoch, sampleId, stream);
  }

  /**
   * Positions this generator at the start of the sequence for a key.
   *
   * @param seed the run's seed
   * @param epoch the epoch
   * @param sampleId the sample's id within the dataset
   * @param stream which independent sequence of this sample
   * @return this generator
   */
  public KeyedRandom reset(long seed, long epoch, long sampleId, int stream) {
    long key = mix64(mix64(seed) + 0x9E3779B97F4A7C15L * (epoch + 1));
    this.k0 = (int) key;
    this.k1 = (int) (key >>> 32);
    this.stream = stream;
    this.sampleLo = (int) sampleId;
    this.sampleHi = (int) (sampleId >>> 32);
    this.blockIndex = 0;
    this.used = 4;
    this.hasSpareGaussian = false;
    return this;
  }

  /** Stafford's Mix13 variant of the SplitMix64 finaliser: a bijection with full avalanche. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Returns the next 32 random bits.
   *
   * @return a uniformly distributed {@code int}
   */
  public int nextInt() {
    if (used == 4) {
      Philox4x32.block(blockIndex++, stream, sampleLo, sampleHi, k0, k1, block);
      used = 0;
    }
    return block[used++];
  }

  /**
   * Returns the next 64 random bits.
   *
   * @return a uniformly distributed {@code long}
   */
  public long nextLong() {
    long hi = nextInt();
    return (hi << 32) | (nextInt() & 0xFFFFFFFFL);
  }

  /**
   * Returns a uniform integer in {@code [0, bound)}, without modulo bias (Lemire's method).
   *
   * @param bound the exclusive upper bound, positive
   * @return an integer in {@code [0, bound)}
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound=" + bound + " (expected: > 0)");
    }
    long m = (nextInt() & 0xFFFFFFFFL) * bound;
    if ((m & 0xFFFFFFFFL) < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while ((m & 0xFFFFFFFFL) < threshold) {
        m = (nextInt() & 0xFFFFFFFFL) * bound;
      }
    }
    return (int) (m >>> 32);
  }

  /**
   * Returns a uniform {@code double} in {@code [0, 1)} with 53 random bits.
   *
   * @return the next double
   */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /**
   * Returns a uniform {@code float} in {@code [0, 1)} with 24 random bits.
   *
   * @return the next float
   */
  public float nextFloat() {
    return (nextInt() >>> 8) * FLOAT_UNIT;
  }

  /**
   * Returns a uniform {@code double} in {@code [min, max)}.
   *
   * @param min the inclusive lower bound
   * @param max the exclusive upper bound; {@code max == min} returns {@code min}
   * @return the next value
   */
  public double uniform(double min, double max) {
    return min + (max - min) * nextDouble();
  }

  /**
   * Returns true with probability {@code p}.
   *
   * @param p the probability, in {@code [0, 1]}
   * @return the outcome
   */
  public boolean nextBoolean(double p) {
    return nextDouble() < p;
  }

  /**
   * Returns a standard normal draw (mean 0, standard deviation 1), by the Box–Muller transform.
   * Each pair of uniform draws yields two normal values, so the count of underlying draws is fixed
   * and the sequence stays reproducible.
   *
   * @return the next normal value
   */
  public double nextGaussian() {
    if (hasSpareGaussian) {
      hasSpareGaussian = false;
      return spareGaussian;
    }
    double u1 = 1.0 - nextDouble(); // in (0, 1]: log is finite
    double u2 = nextDouble();
    double radius = Math.sqrt(-2.0 * Math.log(u1));
    double angle = 2.0 * Math.PI * u2;
    spareGaussian = radius * Math.sin(angle);
    hasSpareGaussian = true;
    return radius * Math.cos(angle);
  }
}

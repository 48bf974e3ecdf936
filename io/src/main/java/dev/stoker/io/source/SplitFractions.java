package dev.stoker.io.source;

import dev.stoker.core.Checks;
import java.nio.charset.StandardCharsets;

/**
 * A seeded split of a dataset into train, validation and test parts by fractions, decided for each
 * file on its own: a 64-bit hash of the file's path relative to the root (with {@code /}
 * separators) and the seed, mapped to {@code [0, 1)} and compared with the cumulative fractions.
 *
 * <p>Because no file's part depends on any other file, adding or removing files never moves an
 * existing file between parts; the parts' sizes follow the fractions up to binomial noise ({@code
 * ±sqrt(n f (1 - f))} files).
 *
 * @param train the fraction for {@link Subset#TRAIN}
 * @param validation the fraction for {@link Subset#VALIDATION}
 * @param test the fraction for {@link Subset#TEST}
 * @param seed the split's seed: another seed, another split
 */
public record SplitFractions(double train, double validation, double test, long seed) {
  /**
   * Validates the fractions.
   *
   * @throws IllegalArgumentException unless each is in {@code [0, 1]} and they sum to 1
   */
  public SplitFractions {
    Checks.require(train >= 0 && train <= 1, "train", train, "in [0, 1]");
    Checks.require(validation >= 0 && validation <= 1, "validation", validation, "in [0, 1]");
    Checks.require(test >= 0 && test <= 1, "test", test, "in [0, 1]");
    double sum = train + validation + test;
    Checks.require(Math.abs(sum - 1) < 1e-9, "train + validation + test", sum, "1");
  }

  /**
   * The usual 0.8 / 0.1 / 0.1 split.
   *
   * @param seed the split's seed
   * @return the split
   */
  public static SplitFractions standard(long seed) {
    return new SplitFractions(0.8, 0.1, 0.1, seed);
  }

  /**
   * Decides which part a file belongs to.
   *
   * @param relativePath the file's path relative to the dataset root, with {@code /} separators
   * @return its part
   */
  public Subset subsetOf(String relativePath) {
    double u = unit(relativePath);
    if (u < train) {
      return Subset.TRAIN;
    }
    return u < train + validation ? Subset.VALIDATION : Subset.TEST;
  }

  /** Maps a path and the seed to a uniform double in [0, 1): FNV-1a, then two SplitMix rounds. */
  double unit(String relativePath) {
    long h = 0xCBF29CE484222325L;
    for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    long z = mix(h ^ mix(seed + 0x9E3779B97F4A7C15L));
    return (z >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

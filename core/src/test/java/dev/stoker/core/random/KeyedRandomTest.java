package dev.stoker.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyedRandomTest {

  /** Known-answer vectors published with Random123 ({@code kat_vectors}, philox4x32 10 rounds). */
  @Test
  void philoxMatchesTheRandom123KnownAnswers() {
    int[] out = new int[4];
    Philox4x32.block(0, 0, 0, 0, 0, 0, out);
    assertThat(out).containsExactly(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    Philox4x32.block(-1, -1, -1, -1, -1, -1, out);
    assertThat(out).containsExactly(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    Philox4x32.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    assertThat(out).containsExactly(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
  }

  @Test
  void sameKeyGivesSameNumbersInAnyOrderOnAnyThread() throws Exception {
    int samples = 200;
    long[][] sequential = new long[samples][];
    for (int s = 0; s < samples; s++) {
      sequential[s] = draw(KeyedRandom.of(42, 3, s, 1), 37);
    }
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      order.add(s);
    }
    Collections.shuffle(order, new java.util.Random(7));
    long[][] parallel = new long[samples][];
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int s : order) {
        futures.add(
            pool.submit(
                () -> {
                  // a reused generator, as a worker holds one
                  KeyedRandom rnd = new KeyedRandom();
                  rnd.reset(99, 99, 99, 99).nextLong();
                  parallel[s] = draw(rnd.reset(42, 3, s, 1), 37);
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(parallel).isDeepEqualTo(sequential);
  }

  @Test
  void resetForgetsAPendingGaussian() {
    KeyedRandom a = KeyedRandom.of(1, 2, 3, 4);
    double first = a.nextGaussian();
    a.reset(1, 2, 3, 4);
    assertThat(a.nextGaussian()).isEqualTo(first);
  }

  @Test
  void neighbouringKeysAreIndependent() {
    // Every single-field change of the key must flip about half of the output bits.
    long[] base = draw(KeyedRandom.of(1000, 5, 777, 0), 64);
    long[][] neighbours = {
      draw(KeyedRandom.of(1001, 5, 777, 0), 64),
      draw(KeyedRandom.of(1000, 6, 777, 0), 64),
      draw(KeyedRandom.of(1000, 5, 778, 0), 64),
      draw(KeyedRandom.of(1000, 5, 777, 1), 64),
      draw(KeyedRandom.of(1000, 5, 777L + (1L << 32), 0), 64),
    };
    for (long[] other : neighbours) {
      int flipped = 0;
      for (int i = 0; i < base.length; i++) {
        flipped += Long.bitCount(base[i] ^ other[i]);
      }
      // 4096 bits, binomial(4096, 0.5): mean 2048, sd 32; allow 6 sd.
      assertThat(flipped).isBetween(2048 - 192, 2048 + 192);
    }
  }

  @Test
  void firstDrawsOfConsecutiveSamplesAreUncorrelated() {
    int n = 20000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int s = 0; s < n; s++) {
      x[s] = KeyedRandom.of(5, 0, s, 0).nextDouble();
      y[s] = KeyedRandom.of(5, 0, s + 1, 0).nextDouble();
    }
    // Pearson correlation of independent uniforms has sd 1/sqrt(n) ≈ 0.007.
    assertThat(correlation(x, y)).isCloseTo(0.0, within(0.035));
  }

  @Test
  void uniformDoublesHaveTheRightMomentsAndFillEveryBin() {
    KeyedRandom rnd = KeyedRandom.of(11, 0, 0, 0);
    int n = 200_000;
    int bins = 20;
    long[] counts = new long[bins];
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      sum += u;
      sumSq += u * u;
      counts[(int) (u * bins)]++;
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(0.5, within(0.005));
    assertThat(sumSq / n - mean * mean).isCloseTo(1.0 / 12, within(0.002));
    // Chi-square with 19 degrees of freedom: the 99.9th percentile is 43.8.
    assertThat(chiSquare(counts, (double) n / bins)).isLessThan(43.8);
  }

  @Test
  void boundedIntsAreUnbiased() {
    KeyedRandom rnd = KeyedRandom.of(3, 1, 4, 1);
    int bound = 7;
    int n = 140_000;
    long[] counts = new long[bound];
    for (int i = 0; i < n; i++) {
      counts[rnd.nextInt(bound)]++;
    }
    // 6 degrees of freedom: the 99.9th percentile is 22.46.
    assertThat(chiSquare(counts, (double) n / bound)).isLessThan(22.46);
  }

  @Test
  void floatsStayBelowOne() {
    KeyedRandom rnd = KeyedRandom.of(0, 0, 0, 0);
    for (int i = 0; i < 100_000; i++) {
      assertThat(rnd.nextFloat()).isGreaterThanOrEqualTo(0f).isLessThan(1f);
    }
  }

  @Test
  void gaussiansHaveStandardNormalStatistics() {
    KeyedRandom rnd = KeyedRandom.of(8, 8, 8, 8);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    double sumFourth = 0;
    int withinOneSigma = 0;
    for (int i = 0; i < n; i++) {
      double g = rnd.nextGaussian();
      sum += g;
      sumSq += g * g;
      sumFourth += g * g * g * g;
      if (Math.abs(g) < 1) {
        withinOneSigma++;
      }
    }
    assertThat(sum / n).isCloseTo(0.0, within(0.01));
    assertThat(sumSq / n).isCloseTo(1.0, within(0.015));
    assertThat(sumFourth / n).isCloseTo(3.0, within(0.08)); // kurtosis of the normal
    assertThat((double) withinOneSigma / n).isCloseTo(0.682689, within(0.005));
  }

  @Test
  void booleansFollowTheirProbability() {
    KeyedRandom rnd = KeyedRandom.of(12, 0, 0, 2);
    int n = 100_000;
    int heads = 0;
    for (int i = 0; i < n; i++) {
      heads += rnd.nextBoolean(0.25) ? 1 : 0;
    }
    // binomial sd = sqrt(n p (1-p)) ≈ 137; allow ~5 sd.
    assertThat(heads).isBetween(25_000 - 700, 25_000 + 700);
  }

  private static long[] draw(KeyedRandom rnd, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = rnd.nextLong();
    }
    return out;
  }

  private static double chiSquare(long[] counts, double expected) {
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }

  private static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}

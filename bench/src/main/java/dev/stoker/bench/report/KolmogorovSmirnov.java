package dev.stoker.bench.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two-sample Kolmogorov–Smirnov test: do two samples come from the same continuous
 * distribution? The statistic {@code D} is the largest vertical distance between the two empirical
 * distribution functions; the p-value is the asymptotic one, from Kolmogorov's distribution at
 * {@code λ = (√nₑ + 0.12 + 0.11/√nₑ)·D} with {@code nₑ = n·m/(n + m)}, accurate for samples of a
 * few dozen and up. With ties (discrete values) the test is conservative: p is too large, never too
 * small.
 *
 * @param d the statistic, in {@code [0, 1]}
 * @param p the probability of a statistic at least this large when both samples share a
 *     distribution
 * @param n the first sample's size
 * @param m the second sample's size
 */
record KolmogorovSmirnov(double d, double p, int n, int m) {

  /**
   * Runs the test.
   *
   * @param a the first sample, not empty
   * @param b the second sample, not empty
   * @return D and p
   */
  static KolmogorovSmirnov test(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException(
          "samples=" + a.length + "," + b.length + " (expected: both non-empty)");
    }
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      // Step past every copy of v in both samples before comparing, so ties do not count twice.
      while (i < x.length && x[i] == v) {
        i++;
      }
      while (j < y.length && y[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    double ne = (double) x.length * y.length / (x.length + y.length);
    double sqrt = Math.sqrt(ne);
    return new KolmogorovSmirnov(d, q((sqrt + 0.12 + 0.11 / sqrt) * d), x.length, y.length);
  }

  /** Kolmogorov's survival function: {@code 2 Σ (−1)^(k−1) exp(−2k²λ²)}. */
  static double q(double lambda) {
    if (lambda < 1e-3) {
      return 1;
    }
    double sum = 0;
    double sign = 1;
    for (int k = 1; k <= 200; k++) {
      double term = sign * Math.exp(-2.0 * k * k * lambda * lambda);
      sum += term;
      if (Math.abs(term) < 1e-12 * Math.abs(sum)) {
        break;
      }
      sign = -sign;
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "D=%.4f p=%.3g (n=%d, m=%d)", d, p, n, m);
  }
}

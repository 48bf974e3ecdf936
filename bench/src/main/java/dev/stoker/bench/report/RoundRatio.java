package dev.stoker.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.openjdk.jmh.results.RunResult;

/**
 * One target ratio measured in alternating rounds. Each round measures every engine of a job once,
 * one after another (so a change of load hits all of them alike); the ratio of a round compares
 * Stoker with the peer's best configuration in that same round. The ratio reported is the median of
 * the per-round ratios, and the lowest and highest are its spread.
 *
 * <p>A target is <b>met</b> only when even the lowest round reaches it, <b>missed</b> when even the
 * highest falls short, and <b>not established</b> when the spread straddles it: on a noisy machine
 * that is the honest answer.
 *
 * @param target what is measured, e.g. {@code "G: Stoker / tf.data"}
 * @param threshold the target value
 * @param median the median of the per-round ratios, NaN when no round measured it
 * @param min the lowest per-round ratio
 * @param max the highest per-round ratio
 * @param rounds the rounds that measured it
 * @param atMost true for a target that is a ceiling (an input stall), false for a floor (a ratio)
 */
record RoundRatio(
    String target,
    double threshold,
    double median,
    double min,
    double max,
    int rounds,
    boolean atMost) {

  /**
   * Computes a ratio from its rounds.
   *
   * @param target what is measured
   * @param threshold the target value
   * @param rounds the JMH results of each round
   * @param peer the peer engine's benchmark method
   * @return the ratio with its spread
   */
  static RoundRatio of(String target, double threshold, List<List<RunResult>> rounds, String peer) {
    return of(target, threshold, rounds, peer, r -> true);
  }

  /**
   * Computes a ratio from its rounds, against the fastest of the peer's configurations that {@code
   * keep} admits in each round.
   *
   * @param target what is measured
   * @param threshold the target value
   * @param rounds the JMH results of each round
   * @param peer the peer engine's benchmark method
   * @param keep which of the peer's configurations may stand as the peer
   * @return the ratio with its spread
   */
  static RoundRatio of(
      String target,
      double threshold,
      List<List<RunResult>> rounds,
      String peer,
      Predicate<RunResult> keep) {
    List<Double> ratios = new ArrayList<>();
    for (List<RunResult> round : rounds) {
      double r = BenchResults.ratio(round, peer, keep);
      if (!Double.isNaN(r)) {
        ratios.add(r);
      }
    }
    return of(target, threshold, ratios);
  }

  /**
   * Computes a ratio from per-round values.
   *
   * @param target what is measured
   * @param threshold the target value
   * @param ratios one ratio per round
   * @return the ratio with its spread
   */
  static RoundRatio of(String target, double threshold, List<Double> ratios) {
    return of(target, threshold, ratios, false);
  }

  /**
   * Computes a value that must stay at or below its target, from per-round (or per-iteration)
   * values: met only when the highest is within it.
   *
   * @param target what is measured
   * @param threshold the most the value may be
   * @param values one value per round or iteration
   * @return the value with its spread
   */
  static RoundRatio atMost(String target, double threshold, List<Double> values) {
    return of(target, threshold, values, true);
  }

  private static RoundRatio of(
      String target, double threshold, List<Double> ratios, boolean atMost) {
    if (ratios.isEmpty()) {
      return new RoundRatio(target, threshold, Double.NaN, Double.NaN, Double.NaN, 0, atMost);
    }
    List<Double> sorted = ratios.stream().sorted().toList();
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new RoundRatio(
        target, threshold, median, sorted.getFirst(), sorted.getLast(), n, atMost);
  }

  /**
   * Returns the verdict.
   *
   * @return {@code met}, {@code missed}, {@code not established} or {@code not measured}
   */
  String verdict() {
    if (rounds == 0) {
      return "not measured";
    }
    if (atMost ? max <= threshold : min >= threshold) {
      return "met";
    }
    if (atMost ? min > threshold : max < threshold) {
      return "missed";
    }
    return "not established";
  }
}

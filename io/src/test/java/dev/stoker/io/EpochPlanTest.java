package dev.stoker.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EpochPlanTest {
  private static final long[] UNITS = {7, 0, 3, 12, 1, 9, 5};

  private static long[] ids(EpochPlan plan) {
    long[] out = new long[(int) plan.size()];
    for (int p = 0; p < out.length; p++) {
      out[p] = plan.sampleAt(p);
    }
    return out;
  }

  private static EpochPlan plan(EpochPlan.Mode mode, long seed, long epoch, Sharding sharding) {
    return EpochPlan.build(UNITS, mode, 3, false, seed, epoch, sharding);
  }

  @ParameterizedTest
  @EnumSource(EpochPlan.Mode.class)
  void oneRankReadsEverySampleExactlyOnce(EpochPlan.Mode mode) {
    long[] ids = ids(plan(mode, 42, 0, Sharding.SINGLE));
    long[] sorted = ids.clone();
    Arrays.sort(sorted);
    long n = Arrays.stream(UNITS).sum();
    long[] expected = new long[(int) n];
    Arrays.setAll(expected, i -> i);
    assertThat(sorted).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(EpochPlan.Mode.class)
  void theOrderDependsOnSeedAndEpochOnly(EpochPlan.Mode mode) {
    long[] a = ids(plan(mode, 42, 3, Sharding.SINGLE));
    assertThat(ids(plan(mode, 42, 3, Sharding.SINGLE))).isEqualTo(a);
    assertThat(ids(plan(mode, 42, 4, Sharding.SINGLE))).isNotEqualTo(a);
    assertThat(ids(plan(mode, 43, 3, Sharding.SINGLE))).isNotEqualTo(a);
  }

  @ParameterizedTest
  @EnumSource(Sharding.Remainder.class)
  void everyWorldSizeSplitsTheEpochIntoEqualSharesCoveringItOnce(Sharding.Remainder remainder) {
    for (EpochPlan.Mode mode : EpochPlan.Mode.values()) {
      long n = Arrays.stream(UNITS).sum(); // 37, a prime: no world size > 1 divides it
      long[] whole = ids(plan(mode, 7, 2, Sharding.SINGLE));
      for (int worldSize = 1; worldSize <= 40; worldSize++) {
        long per =
            remainder == Sharding.Remainder.PAD ? (n + worldSize - 1) / worldSize : n / worldSize;
        List<Long> union = new ArrayList<>();
        for (int rank = 0; rank < worldSize; rank++) {
          EpochPlan p = plan(mode, 7, 2, new Sharding(rank, worldSize, remainder));
          assertThat(p.size()).as("world %d rank %d", worldSize, rank).isEqualTo(per);
          for (long id : ids(p)) {
            union.add(id);
          }
        }
        Map<Long, Integer> counts = new HashMap<>();
        union.forEach(id -> counts.merge(id, 1, Integer::sum));
        if (remainder == Sharding.Remainder.DROP) {
          // distinct, and exactly the first per * worldSize of the whole epoch's order
          assertThat(counts.values()).allMatch(c -> c == 1);
          Set<Long> expected = new HashSet<>();
          for (int i = 0; i < per * worldSize; i++) {
            expected.add(whole[i]);
          }
          assertThat(counts.keySet()).isEqualTo(expected);
        } else {
          // every sample at least once; the extras repeat the start of the epoch's order
          assertThat(counts.keySet()).hasSize((int) n);
          long extra = per * worldSize - n;
          Map<Long, Integer> expectedCounts = new HashMap<>();
          for (long id : whole) {
            expectedCounts.put(id, 1);
          }
          for (long i = 0; i < extra; i++) {
            expectedCounts.merge(whole[(int) (i % n)], 1, Integer::sum);
          }
          assertThat(counts).isEqualTo(expectedCounts);
        }
      }
    }
  }

  @Test
  void unitModeKeepsFileOrderInsideUnitsAndMixesAtMostCycleUnits() {
    long[] starts = new long[UNITS.length + 1];
    for (int u = 0; u < UNITS.length; u++) {
      starts[u + 1] = starts[u] + UNITS[u];
    }
    for (long seed = 0; seed < 50; seed++) {
      long[] ids = ids(plan(EpochPlan.Mode.UNITS, seed, 0, Sharding.SINGLE));
      long[] last = new long[UNITS.length];
      Arrays.fill(last, -1);
      int[] emitted = new int[UNITS.length];
      Set<Integer> open = new HashSet<>();
      for (long id : ids) {
        int u = 0;
        while (starts[u + 1] <= id) {
          u++;
        }
        assertThat(id).as("seed %d: unit %d in file order", seed, u).isGreaterThan(last[u]);
        last[u] = id;
        open.add(u);
        if (++emitted[u] == UNITS[u]) {
          open.remove(u);
        }
        assertThat(open.size()).isLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void shufflingWithinUnitsStillReadsOneUnitAtATimeWithCycleOne() {
    long[] ids = ids(EpochPlan.build(UNITS, EpochPlan.Mode.UNITS, 1, true, 5, 0, Sharding.SINGLE));
    long[] starts = {0, 7, 7, 10, 22, 23, 32, 37};
    boolean anyOutOfOrder = false;
    int p = 0;
    while (p < ids.length) {
      int u = 0;
      while (starts[u + 1] <= ids[p]) {
        u++;
      }
      for (int i = 0; i < UNITS[u]; i++, p++) {
        assertThat(ids[p]).isBetween(starts[u], starts[u + 1] - 1);
        anyOutOfOrder |= i > 0 && ids[p] < ids[p - 1];
      }
    }
    assertThat(anyOutOfOrder).isTrue();
  }

  @Test
  void samplePermutationsAreUniform() {
    // 24 orders of 4 samples over 4800 (seed, epoch) keys: each expected 200 times.
    Map<String, Integer> counts = new HashMap<>();
    for (long seed = 0; seed < 48; seed++) {
      for (long epoch = 0; epoch < 100; epoch++) {
        EpochPlan p =
            EpochPlan.build(
                new long[] {4}, EpochPlan.Mode.SAMPLES, 1, false, seed, epoch, Sharding.SINGLE);
        counts.merge(Arrays.toString(ids(p)), 1, Integer::sum);
      }
    }
    assertThat(counts).hasSize(24);
    double chi2 = 0;
    for (int c : counts.values()) {
      chi2 += (c - 200.0) * (c - 200.0) / 200.0;
    }
    assertThat(chi2).as("chi-square, 23 degrees of freedom; p = 0.001 at 49.7").isLessThan(49.7);
  }

  @Test
  void unitOfFindsTheUnitAcrossEmptyOnes() {
    EpochPlan p = plan(EpochPlan.Mode.SAMPLES, 1, 0, Sharding.SINGLE);
    assertThat(p.unitOf(0)).isEqualTo(0);
    assertThat(p.unitOf(6)).isEqualTo(0);
    assertThat(p.unitOf(7)).isEqualTo(2);
    assertThat(p.unitOf(10)).isEqualTo(3);
    assertThat(p.unitOf(36)).isEqualTo(6);
    assertThat(p.unitStart(3)).isEqualTo(10);
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(
            () ->
                EpochPlan.build(
                    new long[] {0, 0}, EpochPlan.Mode.SAMPLES, 1, false, 0, 0, Sharding.SINGLE))
        .hasMessage("samples=0 (expected: > 0: the dataset is empty)");
    assertThatThrownBy(() -> new Sharding(3, 3, Sharding.Remainder.PAD))
        .hasMessage("rank=3 (expected: in [0, 2])");
    assertThatThrownBy(() -> new Sharding(0, 0, Sharding.Remainder.PAD))
        .hasMessage("worldSize=0 (expected: > 0)");
    assertThatThrownBy(() -> new Cursor(0, -1, 0)).hasMessage("epoch=-1 (expected: >= 0)");
  }

  @Test
  void inOrderIsTheIdsAscendingCutIntoContiguousShares() {
    long n = Arrays.stream(UNITS).sum();
    long[] expected = new long[(int) n];
    Arrays.setAll(expected, i -> i);
    assertThat(ids(EpochPlan.inOrder(UNITS, Sharding.SINGLE))).isEqualTo(expected);
    // 37 over 4 ranks: 10 each with PAD (the last rank wraps to ids 0..2), 9 each with DROP
    EpochPlan last = EpochPlan.inOrder(UNITS, new Sharding(3, 4, Sharding.Remainder.PAD));
    assertThat(ids(last)).containsExactly(30, 31, 32, 33, 34, 35, 36, 0, 1, 2);
    EpochPlan second = EpochPlan.inOrder(UNITS, new Sharding(1, 4, Sharding.Remainder.DROP));
    assertThat(ids(second)).containsExactly(9, 10, 11, 12, 13, 14, 15, 16, 17);
    assertThat(last.datasetSize()).isEqualTo(n);
    assertThat(last.unitOf(36)).isEqualTo(UNITS.length - 1);
    assertThatThrownBy(() -> EpochPlan.inOrder(new long[] {0}, Sharding.SINGLE))
        .hasMessage("samples=0 (expected: > 0: the dataset is empty)");
  }
}

package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The autotuner's decisions, driven by synthetic measurement windows: no pipeline, no clock, no
 * timing. Memory bounds are computed here from the layout, not taken from the options.
 */
class AutotunerTest {
  private static final int BATCH = 8;
  private static final int SIDE = 16;
  private static final int MAX_ENCODED = 1 << 16;
  private static final long SCRATCH = 1 << 20;
  // 8 images of 16×16×3 uint8 plus 8 int64 labels
  private static final long SLAB = BATCH * SIDE * SIDE * 3L + BATCH * 8L;
  private static final int RING = 16;

  private static final TuningWindow WARM_UP = new TuningWindow(0.5, 0.5, 0.5, 0.1);
  private static final TuningWindow SATURATED = new TuningWindow(0.12, 0.98, 0.9, 0.5);
  private static final TuningWindow BURSTY = new TuningWindow(0.05, 0.40, 0.1, 0.3);
  private static final TuningWindow CONSUMER_BOUND = new TuningWindow(0.001, 0.30, 1.0, 0.3);

  private static PipelineOptions.Builder options() {
    return PipelineOptions.builder()
        .source(new SyntheticSource(10))
        .processor(SyntheticProcessor.factory(0, java.util.Set.of()))
        .imageSize(SIDE, SIDE)
        .batchSize(BATCH)
        .ringSlots(RING)
        .maxEncodedBytes(MAX_ENCODED)
        .scratchLimitPerWorker(SCRATCH);
  }

  /** What a configuration may hold at most, by the arithmetic of the memory section. */
  private static long bound(int workers, int prefetch) {
    // The workers' scratch and the reader's share of the same size.
    return (prefetch + 1) * SLAB + (long) RING * MAX_ENCODED + (workers + 1L) * SCRATCH;
  }

  private static List<TuningDecision> drive(Autotuner tuner, TuningWindow w, int windows) {
    List<TuningDecision> out = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      TuningDecision d = tuner.decide(w);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  @Test
  void addsWorkersWhileTheConsumerStallsAndWorkersAreSaturatedUpToTheMaximum() {
    PipelineOptions opts = options().maxWorkers(4).build();
    Autotuner tuner = new Autotuner(opts, 8);
    assertThat(tuner.workers()).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
    assertThat(tuner.decide(WARM_UP)).as("the first window is warm-up").isNull();

    List<TuningDecision> decisions = drive(tuner, SATURATED, 10);

    int start = opts.workers();
    List<String> lines = decisions.stream().map(TuningDecision::toString).toList();
    List<String> expected = new ArrayList<>();
    for (int w = start; w < 4; w++) {
      expected.add("workers " + w + "→" + (w + 1) + ": stall 12 % with workers 98 % busy");
    }
    expected.add(
        "workers stays 4: stall 12 % with workers 98 % busy, but at the maximum of 4 workers");
    assertThat(lines).as("one held line, not one per window").isEqualTo(expected);
    assertThat(tuner.workers()).isEqualTo(4);
    // a change skips the window that straddles it: growth every second window
    assertThat(decisions.get(1).window() - decisions.get(0).window()).isEqualTo(2);
  }

  @Test
  void neverCommitsMoreThanTheMemoryLimit() {
    int start = Math.min(2, Runtime.getRuntime().availableProcessors());
    long limit = bound(start + 1, 2) + SLAB / 2; // room for one worker more: not two, nor a slab
    PipelineOptions opts = options().maxWorkers(16).memoryLimit(limit).build();
    Autotuner tuner = new Autotuner(opts, 16);
    tuner.decide(WARM_UP);

    List<TuningDecision> decisions = drive(tuner, SATURATED, 20);

    assertThat(tuner.workers()).isEqualTo(start + 1);
    assertThat(bound(tuner.workers(), tuner.prefetch())).isLessThanOrEqualTo(limit);
    assertThat(decisions.getLast().changed()).isFalse();
    assertThat(decisions.getLast().reason())
        .contains("would commit " + bound(start + 2, 2) + " B, over memoryLimit=" + limit);
    // and bursts cannot buy a slab the limit has no room for
    drive(tuner, BURSTY, 20);
    assertThat(tuner.prefetch()).isEqualTo(2);
    assertThat(bound(tuner.workers(), tuner.prefetch())).isLessThanOrEqualTo(limit);
  }

  @Test
  void deepensPrefetchWhenStallsComeWithIdleWorkersWithinTheLimit() {
    int start = Math.min(2, Runtime.getRuntime().availableProcessors());
    long limit = bound(start, 5) + SLAB / 2; // three slabs more than the start fit, not four
    PipelineOptions opts = options().maxWorkers(16).memoryLimit(limit).build();
    Autotuner tuner = new Autotuner(opts, 16);
    tuner.decide(WARM_UP);

    List<TuningDecision> decisions = drive(tuner, BURSTY, 20);

    assertThat(tuner.prefetch()).isEqualTo(5);
    assertThat(tuner.workers()).as("idle workers are not multiplied").isEqualTo(opts.workers());
    assertThat(decisions.getFirst())
        .hasToString(
            "prefetch 2→3: stall 5.0 % with workers only 40 % busy and the ring 10 % full");
    assertThat(decisions.getLast().changed()).isFalse();
    assertThat(decisions.getLast().reason()).contains("over memoryLimit=" + limit);
  }

  @Test
  void stopsAtTheConfiguredDeepestPrefetch() {
    PipelineOptions opts = options().maxPrefetchBatches(3).build();
    Autotuner tuner = new Autotuner(opts, 4);
    tuner.decide(WARM_UP);
    List<TuningDecision> decisions = drive(tuner, BURSTY, 10);
    assertThat(tuner.prefetch()).isEqualTo(3);
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(1).reason()).endsWith("but at the maximum of 3 batches");
  }

  @Test
  void retiresWorkersWhileTheConsumerIsTheLimitButKeepsThoseItNeeds() {
    PipelineOptions opts = options().maxWorkers(4).build();
    Autotuner tuner = new Autotuner(opts, 8);
    tuner.decide(WARM_UP);
    drive(tuner, SATURATED, 10);
    assertThat(tuner.workers()).isEqualTo(4);

    // 4 workers 33 % busy: 3 would be 44 % busy, 2 would be 66 %; stop at 3
    TuningDecision first = null;
    for (int i = 0; i < 10; i++) {
      double busy = 1.32 / tuner.workers(); // the same work spread over fewer workers
      TuningDecision d = tuner.decide(new TuningWindow(0.001, busy, 1.0, 0.3));
      if (first == null) {
        first = d;
      }
    }
    assertThat(first)
        .hasToString("workers 4→3: stall 0.1 % with workers 33 % busy: the consumer is the limit");
    assertThat(tuner.workers()).isEqualTo(3);
  }

  @Test
  void aSingleWorkerIsNeverRetired() {
    PipelineOptions opts = options().maxWorkers(1).build();
    Autotuner tuner = new Autotuner(opts, 1);
    tuner.decide(WARM_UP);
    assertThat(drive(tuner, CONSUMER_BOUND, 10)).isEmpty();
    assertThat(tuner.workers()).isEqualTo(1);
  }

  @Test
  void addsNoWorkerWhenTheMachineHasNoCoreFree() {
    PipelineOptions opts = options().maxWorkers(8).build();
    Autotuner tuner = new Autotuner(opts, 8);
    tuner.decide(WARM_UP);
    List<TuningDecision> decisions = drive(tuner, new TuningWindow(0.2, 0.99, 0.9, 0.97), 5);
    assertThat(tuner.workers()).isEqualTo(opts.workers());
    assertThat(decisions).hasSize(1);
    assertThat(decisions.getFirst().reason()).contains("CPU is 97 % busy: no core is free");
  }

  @Test
  void fixedKnobsStayAsConfigured() {
    PipelineOptions opts = options().workers(3).prefetchBatches(4).build();
    Autotuner tuner = new Autotuner(opts, 8);
    assertThat(drive(tuner, SATURATED, 5)).isEmpty();
    assertThat(drive(tuner, BURSTY, 5)).isEmpty();
    assertThat(drive(tuner, CONSUMER_BOUND, 5)).isEmpty();
    assertThat(tuner.workers()).isEqualTo(3);
    assertThat(tuner.prefetch()).isEqualTo(4);
  }

  @Test
  void autoIsTheDefaultAndTheDefaultLimitHoldsTheLargestConfiguration() {
    PipelineOptions opts = options().maxWorkers(3).build();
    assertThat(opts.autoWorkers()).isTrue();
    assertThat(opts.autoPrefetch()).isTrue();
    assertThat(opts.prefetchBatches()).isEqualTo(2);
    assertThat(opts.maxPrefetchBatches()).isEqualTo(8);
    assertThat(opts.memoryLimit()).isEqualTo(bound(3, 8));
  }
}

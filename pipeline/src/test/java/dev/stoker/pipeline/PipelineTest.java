package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ElementType;
import dev.stoker.core.error.ErrorPolicy;
import dev.stoker.core.error.SampleException;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryMetrics;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static final ValueLayout.OfLong LE_LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** What a consumer saw of one batch, copied out before the batch was closed. */
  record Seen(long epoch, long index, List<Long> labels, String images) {
    Seen(long epoch, long index, long[] labels, byte[] images) {
      this(epoch, index, Arrays.stream(labels).boxed().toList(), HexFormat.of().formatHex(images));
    }

    long[] labelArray() {
      return labels.stream().mapToLong(Long::longValue).toArray();
    }

    byte[] imageBytes() {
      return HexFormat.of().parseHex(images);
    }
  }

  @AfterEach
  void noPipelineThreadsLeft() {
    // Threads are joined by close(); none may outlive it.
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("ptest-") && t.isAlive());
  }

  private static PipelineOptions.Builder options(int size, int batch) {
    return PipelineOptions.builder()
        .name("ptest-" + size)
        .source(new SyntheticSource(size))
        .processor(SyntheticProcessor.factory(0, Set.of()))
        .imageSize(3, 4)
        .channels(3)
        .batchSize(batch)
        .maxEncodedBytes(64)
        .seed(42);
  }

  /** The batches a single-threaded run must produce, from the test's own plan and formula. */
  private static List<Seen> expected(
      int size, int batch, long seed, long firstEpoch, long epochs, boolean drop, long skip) {
    return expected(size, batch, seed, firstEpoch, epochs, drop, skip, true);
  }

  private static List<Seen> expected(
      int size,
      int batch,
      long seed,
      long firstEpoch,
      long epochs,
      boolean drop,
      long skip,
      boolean shuffled) {
    BatchLayout layout =
        new BatchLayout(1, 3, 4, 3, ElementType.UINT8, dev.stoker.core.ChannelOrder.NHWC);
    List<Seen> out = new ArrayList<>();
    for (long e = firstEpoch; e < epochs; e++) {
      long[] plan = SyntheticSource.plan(size, seed, e);
      if (!shuffled) {
        Arrays.setAll(plan, i -> i);
      }
      int start = e == firstEpoch ? (int) skip : 0;
      for (int b = start; b < size; b += batch) {
        int n = Math.min(batch, size - b);
        if (n < batch && drop) {
          break;
        }
        long[] labels = new long[n];
        byte[] images = new byte[(int) (n * layout.sampleBytes())];
        for (int i = 0; i < n; i++) {
          labels[i] = SyntheticSource.label(plan[b + i]);
          byte[] px = SyntheticProcessor.expected(layout, seed, e, plan[b + i]);
          System.arraycopy(px, 0, images, (int) (i * layout.sampleBytes()), px.length);
        }
        out.add(new Seen(e, b / batch, labels, images));
      }
    }
    return out;
  }

  private static Seen copy(Batch batch) {
    long[] labels = new long[batch.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = batch.labels().getAtIndex(LE_LONG, i);
    }
    return new Seen(
        batch.epoch(), batch.index(), labels, batch.images().toArray(ValueLayout.JAVA_BYTE));
  }

  private static List<Seen> drain(Pipeline pipeline, long consumerDelayNanos) {
    List<Seen> seen = new ArrayList<>();
    while (pipeline.hasNext()) {
      try (Batch batch = pipeline.next()) {
        seen.add(copy(batch));
        if (consumerDelayNanos > 0) {
          LockSupport.parkNanos(consumerDelayNanos);
        }
      }
    }
    return seen;
  }

  @Test
  void deliversEveryPlannedSampleOnceInPlanOrder() {
    PipelineOptions opts = options(103, 10).epochs(2).workers(3).build();
    List<Seen> seen;
    MemoryMetrics memory;
    try (Pipeline pipeline = Pipeline.open(opts)) {
      seen = drain(pipeline, 0);
      assertThatThrownBy(pipeline::next).isInstanceOf(NoSuchElementException.class);
      PipelineMetrics m = pipeline.metrics();
      assertThat(m.samplesDelivered()).isEqualTo(206);
      assertThat(m.batchesDelivered()).isEqualTo(22);
      assertThat(m.skipped()).isZero();
      assertThat(m.memoryPeak()).isLessThanOrEqualTo(m.memoryLimit());
      memory =
          MemoryBudget.openBudgets().stream()
              .filter(b -> b.name().equals("ptest-103"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(seen).containsExactlyElementsOf(expected(103, 10, 42, 0, 2, false, 0));
    assertThat(memory.usedBytes()).isZero();
  }

  @Test
  void autoWorkersAndPrefetchDeliverEverySampleOnceAndCloseCleanly() {
    PipelineOptions opts = options(203, 10).epochs(2).build(); // AUTO is the default
    assertThat(opts.autoWorkers()).isTrue();
    assertThat(opts.autoPrefetch()).isTrue();
    List<Seen> seen;
    PipelineMetrics m;
    try (Pipeline pipeline = Pipeline.open(opts)) {
      seen = drain(pipeline, 0);
      m = pipeline.metrics();
    }
    assertThat(seen).isEqualTo(expected(203, 10, 42, 0, 2, false, 0));
    assertThat(m.workers()).isBetween(1, opts.maxWorkers());
    assertThat(m.prefetchBatches()).isBetween(2, opts.maxPrefetchBatches());
    assertThat(m.memoryPeak()).isLessThanOrEqualTo(m.memoryLimit());
  }

  @Test
  void workersAddedAndRetiredWhileRunningKeepEverySampleExactlyOnceInPlanOrder() {
    // A policy that changes something at every window and a clock that closes a window at every
    // consumer call: the workers churn between 1 and 4 and the prefetch deepens while samples
    // flow, with keyed random delays shuffling which worker finishes first.
    PipelineOptions opts =
        options(517, 7)
            .epochs(3)
            .maxWorkers(4)
            .maxPrefetchBatches(5)
            .processor(SyntheticProcessor.factory(200_000, Set.of()))
            .build();
    int[] targets = {3, 4, 1, 2, 4, 3, 1, 1, 2};
    TuningPolicy churn =
        new TuningPolicy() {
          int step;
          int workers = opts.workers();
          int prefetch = opts.prefetchBatches();

          @Override
          public TuningDecision decide(TuningWindow w) {
            step++;
            if (step % 5 == 0 && prefetch < 5) {
              return new TuningDecision("prefetch", prefetch, ++prefetch, "test", step);
            }
            int to = targets[step % targets.length];
            TuningDecision d = new TuningDecision("workers", workers, to, "test", step);
            workers = to;
            return d;
          }
        };
    long[] now = {0};
    List<Seen> seen;
    PipelineMetrics m;
    try (Pipeline pipeline = Pipeline.open(opts, churn, () -> now[0] += 1_000, 1_000)) {
      seen = drain(pipeline, 0);
      m = pipeline.metrics();
    }
    assertThat(seen).isEqualTo(expected(517, 7, 42, 0, 3, false, 0));
    assertThat(m.tuning()).hasSize(64); // the last 64 of several hundred
    assertThat(m.tuning().stream().map(TuningDecision::to)).contains(1, 4);
    TuningDecision lastWorkers =
        m.tuning().reversed().stream().filter(d -> d.knob().equals("workers")).findFirst().get();
    assertThat(m.workers()).isEqualTo(lastWorkers.to());
    assertThat(m.prefetchBatches()).isEqualTo(5);
    assertThat(m.slabs()).isEqualTo(6);
  }

  @Test
  void dropRemainderDropsOnlyTheLastPartialBatchOfEachEpoch() {
    try (Pipeline pipeline = Pipeline.open(options(25, 8).epochs(3).dropRemainder(true).build())) {
      assertThat(drain(pipeline, 0)).containsExactlyElementsOf(expected(25, 8, 42, 0, 3, true, 0));
    }
  }

  @Test
  void randomizedStressIsByteIdenticalToTheSingleThreadedRun() {
    Random random = new Random(2024);
    for (int round = 0; round < 12; round++) {
      int size = 1 + random.nextInt(120);
      int batch = 1 + random.nextInt(17);
      int workers = 1 + random.nextInt(8);
      int ring = 1 << (1 + random.nextInt(6));
      int prefetch = 1 + random.nextInt(4);
      boolean drop = random.nextBoolean();
      long consumerDelay = random.nextInt(3) == 0 ? 200_000 : 0;
      long workerDelay = random.nextInt(2) == 0 ? 300_000 : 0;
      PipelineOptions opts =
          options(size, batch)
              .workers(workers)
              .ringSlots(ring)
              .prefetchBatches(prefetch)
              .dropRemainder(drop)
              .epochs(2)
              .processor(SyntheticProcessor.factory(workerDelay, Set.of()))
              .build();
      String params =
          "size=%d batch=%d workers=%d ring=%d prefetch=%d drop=%s"
              .formatted(size, batch, workers, ring, prefetch, drop);
      try (Pipeline pipeline = Pipeline.open(opts)) {
        assertThat(drain(pipeline, consumerDelay))
            .as(params)
            .containsExactlyElementsOf(expected(size, batch, 42, 0, 2, drop, 0));
      }
    }
  }

  @Test
  void asCompletedDeliversTheSameBatchesInSomeOrder() {
    PipelineOptions opts =
        options(90, 6)
            .workers(4)
            .prefetchBatches(4)
            .ordering(Ordering.AS_COMPLETED)
            .processor(SyntheticProcessor.factory(500_000, Set.of()))
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      assertThat(drain(pipeline, 0))
          .containsExactlyInAnyOrderElementsOf(expected(90, 6, 42, 0, 1, false, 0));
    }
  }

  @Test
  void resumingFromAStateDeliversExactlyTheRestOfTheRun() {
    List<Seen> all = expected(50, 7, 42, 0, 3, false, 0);
    for (int stopAfter : new int[] {0, 1, 5, 7, 8, 14, 21}) {
      PipelineState state;
      List<Seen> head = new ArrayList<>();
      try (Pipeline pipeline = Pipeline.open(options(50, 7).epochs(3).workers(2).build())) {
        for (int i = 0; i < stopAfter; i++) {
          try (Batch b = pipeline.next()) {
            head.add(copy(b));
          }
        }
        state = pipeline.state();
      }
      PipelineState restored = PipelineState.parse(state.toString());
      List<Seen> tail;
      try (Pipeline resumed =
          Pipeline.open(options(50, 7).epochs(3).workers(5).resumeFrom(restored).build())) {
        tail = drain(resumed, 0);
      }
      List<Seen> joined = new ArrayList<>(head);
      joined.addAll(tail);
      assertThat(joined)
          .as("stopped after %d batches at %s", stopAfter, state)
          .containsExactlyElementsOf(all);
    }
  }

  @Test
  void withoutShuffleEveryEpochReadsTheSamplesInIdOrderAndResumes() {
    List<Seen> all = expected(45, 6, 42, 0, 3, false, 0, false);
    for (int e = 0; e < 3; e++) { // the labels alone say it: ids 0..44 in order, every epoch
      final long epoch = e;
      assertThat(all.stream().filter(s -> s.epoch() == epoch).flatMap(s -> s.labels().stream()))
          .containsExactlyElementsOf(
              java.util.stream.LongStream.range(0, 45)
                  .map(SyntheticSource::label)
                  .boxed()
                  .toList());
    }
    PipelineState state;
    List<Seen> joined = new ArrayList<>();
    try (Pipeline pipeline =
        Pipeline.open(options(45, 6).epochs(3).workers(3).shuffle(false).build())) {
      for (int i = 0; i < 11; i++) { // into the second epoch
        try (Batch b = pipeline.next()) {
          joined.add(copy(b));
        }
      }
      state = pipeline.state();
    }
    assertThat(state.epoch()).isEqualTo(1);
    try (Pipeline resumed =
        Pipeline.open(
            options(45, 6).epochs(3).workers(2).shuffle(false).resumeFrom(state).build())) {
      joined.addAll(drain(resumed, 0));
    }
    assertThat(joined).containsExactlyElementsOf(all);
    assertThat(options(45, 6).shuffle(false).build().epochOrder())
        .isEqualTo(dev.stoker.io.EpochOrder.IN_ORDER);
    assertThat(options(45, 6).build().epochOrder()).isEqualTo(dev.stoker.io.EpochOrder.SHUFFLED);
  }

  @Test
  void failFastReachesTheConsumerWithTheSampleAndShutsDown() {
    PipelineOptions opts =
        options(40, 4).workers(2).processor(SyntheticProcessor.factory(0, Set.of(17L))).build();
    Pipeline pipeline = Pipeline.open(opts);
    try {
      assertThatThrownBy(() -> drain(pipeline, 0))
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("synthetic/17 at row 17: corrupt JPEG")
          .cause()
          .isInstanceOf(SampleException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class);
    } finally {
      pipeline.close();
    }
    assertThat(pipeline.errorLog().count()).isZero();
  }

  @Test
  void skipAndReportReplacesBadSamplesDeterministicallyAndListsThem() {
    Set<Long> decodeFails = Set.of(3L, 11L, 12L);
    Set<Long> readFails = Set.of(20L);
    PipelineOptions opts =
        options(30, 5)
            .source(new SyntheticSource(30, readFails, -1))
            .workers(3)
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
            .processor(SyntheticProcessor.factory(0, decodeFails))
            .build();
    List<Seen> seen;
    try (Pipeline pipeline = Pipeline.open(opts)) {
      seen = drain(pipeline, 0);
      assertThat(pipeline.errorLog().count()).isEqualTo(4);
      assertThat(pipeline.errorLog().errors())
          .extracting(e -> e.source())
          .containsExactlyInAnyOrder("synthetic/3", "synthetic/11", "synthetic/12", "synthetic/20");
    }
    // Expected: each bad sample replaced by the nearest good one before it in its batch (after it
    // when none precedes).
    List<Seen> want = new ArrayList<>();
    int sampleBytes = 3 * 4 * 3;
    for (Seen s : expected(30, 5, 42, 0, 1, false, 0)) {
      long[] labels = s.labelArray();
      byte[] images = s.imageBytes();
      boolean[] bad = new boolean[labels.length];
      for (int i = 0; i < labels.length; i++) {
        long id = (labels[i] - 3) / 7;
        bad[i] = decodeFails.contains(id) || readFails.contains(id);
      }
      for (int i = 0; i < labels.length; i++) {
        if (!bad[i]) {
          continue;
        }
        int from = -1;
        for (int j = i - 1; j >= 0 && from < 0; j--) {
          from = bad[j] ? -1 : j;
        }
        for (int j = i + 1; j < labels.length && from < 0; j++) {
          from = bad[j] ? -1 : j;
        }
        labels[i] = labels[from];
        System.arraycopy(images, from * sampleBytes, images, i * sampleBytes, sampleBytes);
      }
      want.add(new Seen(s.epoch(), s.index(), labels, images));
    }
    assertThat(seen).containsExactlyElementsOf(want);
  }

  @Test
  void oversizedSampleIsASampleErrorNamingTheBound() {
    PipelineOptions opts = options(10, 5).maxEncodedBytes(8).build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      assertThatThrownBy(pipeline::next)
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("encoded size 16 exceeds maxEncodedBytes 8");
    }
  }

  @Test
  void closeMidEpochWhileTheConsumerHoldsABatchKeepsThatBatchValid() {
    PipelineOptions opts =
        options(500, 10)
            .epochs(5)
            .workers(4)
            .processor(SyntheticProcessor.factory(200_000, Set.of()))
            .build();
    Pipeline pipeline = Pipeline.open(opts);
    Batch held = pipeline.next();
    Seen before = copy(held);
    pipeline.close();
    pipeline.close(); // idempotent
    assertThat(copy(held)).isEqualTo(before);
    assertThat(before).isEqualTo(expected(500, 10, 42, 0, 1, false, 0).getFirst());
    assertThat(MemoryBudget.openBudgets()).extracting(MemoryMetrics::name).contains("ptest-500");
    assertThatThrownBy(pipeline::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pipeline 'ptest-500' is closed");
    held.close();
    assertThat(MemoryBudget.openBudgets())
        .extracting(MemoryMetrics::name)
        .doesNotContain("ptest-500");
    assertThatThrownBy(held::images).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tryNextNeverBlocks() {
    PipelineOptions opts =
        options(20, 5)
            .workers(1)
            .processor(SyntheticProcessor.factory(2_000_000, Set.of()))
            .build();
    int got = 0;
    try (Pipeline pipeline = Pipeline.open(opts)) {
      while (got < 4) {
        var batch = pipeline.tryNext();
        if (batch.isPresent()) {
          batch.get().close();
          got++;
        } else {
          Thread.onSpinWait();
        }
      }
      assertThat(pipeline.tryNext()).isEmpty();
      assertThat(pipeline.hasNext()).isFalse();
    }
    assertThat(got).isEqualTo(4);
  }

  @Test
  void rejectsInconsistentOptionsWithTheProjectMessageForm() {
    assertThatThrownBy(() -> options(10, 5).ringSlots(6))
        .hasMessage("ringSlots=6 (expected: a power of two in [2, 65536])");
    assertThatThrownBy(() -> options(10, 5).workers(-1))
        .hasMessage("workers=-1 (expected: AUTO (0) or a count in [1, 256])");
    assertThatThrownBy(() -> options(10, 5).prefetchBatches(1025))
        .hasMessage("prefetchBatches=1025 (expected: AUTO (0) or a depth in [1, 1024])");
    assertThatThrownBy(() -> options(10, 5).maxWorkers(0))
        .hasMessage("maxWorkers=0 (expected: in [1, 256])");
    assertThatThrownBy(() -> options(10, 5).memoryLimit(100).build())
        .hasMessageStartingWith("memoryLimit=100 (expected: >= ");
    assertThatThrownBy(() -> options(10, 5).resumeFrom(new PipelineState(42, 0, 3)).build())
        .hasMessage("resumeFrom.position=3 (expected: a multiple of batchSize 5)");
    assertThatThrownBy(() -> PipelineOptions.builder().build())
        .hasMessage("source=null (expected: a Source)");
  }

  @Test
  void aStreamBrokenByDamageKeepsEveryPlannedPlaceAndReportsEachOne() {
    long[] plan = SyntheticSource.plan(20, 42, 0);
    long breakId = plan[7];
    PipelineOptions opts =
        options(20, 5)
            .source(new SyntheticSource(20, Set.of(), breakId))
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      List<Seen> seen = drain(pipeline, 0);
      assertThat(seen).hasSize(4);
      assertThat(seen.get(0)).isEqualTo(expected(20, 5, 42, 0, 1, false, 0).get(0));
      // positions 7..19 were never read: 13 errors, the first naming the damage
      assertThat(pipeline.errorLog().count()).isEqualTo(13);
      assertThat(pipeline.errorLog().errors().getFirst().reason()).isEqualTo("broken frame");
      assertThat(pipeline.errorLog().errors().get(1).reason())
          .isEqualTo("not read: the stream stopped at earlier damage (broken frame)");
      // batch 1 keeps its two good samples, and its bad places repeat the last good one
      assertThat(seen.get(1).labels())
          .containsExactly(
              SyntheticSource.label(plan[5]),
              SyntheticSource.label(plan[6]),
              SyntheticSource.label(plan[6]),
              SyntheticSource.label(plan[6]),
              SyntheticSource.label(plan[6]));
      // batches with no good sample are zero-filled with label -1
      assertThat(seen.get(3).labels()).containsOnly(-1L);
    }
  }

  @Test
  void aStreamOfUnknownSizeBrokenByDamageReportsTheUnreadRestOnce() {
    long[] plan = SyntheticSource.plan(20, 42, 0);
    PipelineOptions opts =
        options(20, 5)
            .source(new SyntheticSource(20, Set.of(), plan[7]).uncounted())
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      List<Seen> seen = drain(pipeline, 0);
      // 7 good samples, the damaged one, and one place for the unread rest: 9 places
      assertThat(seen).hasSize(2);
      assertThat(seen.get(0)).isEqualTo(expected(20, 5, 42, 0, 1, false, 0).get(0));
      assertThat(seen.get(1).labels())
          .hasSize(4)
          .startsWith(SyntheticSource.label(plan[5]), SyntheticSource.label(plan[6]));
      assertThat(pipeline.errorLog().count()).isEqualTo(2);
      assertThat(pipeline.errorLog().errors().getFirst().reason()).isEqualTo("broken frame");
      assertThat(pipeline.errorLog().errors().get(1).reason())
          .isEqualTo(
              "not read: the rest of this rank's share, of unknown size (the source did not"
                  + " count it), after earlier damage (broken frame)");
    }
  }

  @Test
  void consumerStallIsMeasured() {
    PipelineOptions opts =
        options(40, 4)
            .workers(1)
            .processor(SyntheticProcessor.factory(1_000_000, Set.of()))
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      drain(pipeline, 0);
      PipelineMetrics m = pipeline.metrics();
      // The consumer does nothing, so it waits on the slow worker most of the time.
      assertThat(m.waitNanos()).isPositive();
      assertThat(m.inputStall()).isBetween(0.0, 1.0);
      assertThat(m.processNanos()).isPositive();
      assertThat(new HashSet<>(List.of(m.slabs()))).containsExactly(3);
    }
  }

  /**
   * A processor under which two samples fail against plan order: {@code late} fails first, and
   * {@code early} fails only once the worker that failed {@code late} has moved on to another
   * sample (so that worker has finished with the error). Not timing: a latch orders the two
   * failures; the wait is bounded only so that a broken pipeline cannot hang the suite.
   */
  private static SampleProcessor.Factory lateFailsFirst(long early, long late) {
    CountDownLatch lateDone = new CountDownLatch(1);
    return context ->
        new SampleProcessor() {
          private boolean failedLate;

          @Override
          public void process(EncodedSample sample, java.lang.foreign.MemorySegment images, int i)
              throws InterruptedException {
            if (failedLate) {
              lateDone.countDown();
            }
            if (sample.sampleId() == late) {
              failedLate = true;
              throw new IllegalArgumentException("damaged late sample");
            }
            if (sample.sampleId() == early) {
              assertThat(lateDone.await(60, TimeUnit.SECONDS)).isTrue();
              throw new IllegalArgumentException("damaged early sample");
            }
          }

          @Override
          public void close() {}
        };
  }

  @Test
  void errorsAreLoggedInPlanOrderWhateverTheWorkersFinishFirst() {
    long[] plan = SyntheticSource.plan(20, 42, 0);
    PipelineOptions opts =
        options(20, 5)
            .workers(2)
            .ringSlots(16)
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
            .processor(lateFailsFirst(plan[1], plan[7]))
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      assertThat(drain(pipeline, 0)).hasSize(4);
      assertThat(pipeline.errorLog().errors())
          .extracting(e -> e.source())
          .containsExactly("synthetic/" + plan[1], "synthetic/" + plan[7]);
    }
  }

  @Test
  void failFastStopsAtTheFirstBadSampleInPlanOrderAfterDeliveringTheBatchesBeforeIt() {
    long[] plan = SyntheticSource.plan(20, 42, 0);
    PipelineOptions opts =
        options(20, 5)
            .workers(2)
            .ringSlots(16)
            .processor(lateFailsFirst(plan[7], plan[12]))
            .build();
    List<Long> delivered = new ArrayList<>();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      assertThatThrownBy(
              () -> {
                while (pipeline.hasNext()) {
                  try (Batch batch = pipeline.next()) {
                    delivered.add(batch.index());
                  }
                }
              })
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("synthetic/" + plan[7] + " ")
          .hasMessageContaining("damaged early sample");
    }
    assertThat(delivered).containsExactly(0L);
  }

  @Test
  void badSamplesOfADroppedPartialBatchAreLoggedInTheirTurn() {
    long[] plan = SyntheticSource.plan(13, 42, 0);
    PipelineOptions opts =
        options(13, 5)
            .dropRemainder(true)
            .epochs(2)
            .workers(2)
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
            .processor(SyntheticProcessor.factory(0, Set.of(plan[11], plan[3])))
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      assertThat(drain(pipeline, 0)).hasSize(4);
      // epoch 0: position 3 (batch 0), then 11 (the dropped batch); then epoch 1's places
      long[] next = SyntheticSource.plan(13, 42, 1);
      List<String> want = new ArrayList<>();
      want.add("synthetic/" + plan[3]);
      want.add("synthetic/" + plan[11]);
      for (long id : next) {
        if (id == plan[3] || id == plan[11]) {
          want.add("synthetic/" + id);
        }
      }
      assertThat(pipeline.errorLog().errors())
          .extracting(e -> e.source())
          .containsExactlyElementsOf(want);
    }
  }

  @Test
  void secondaryFailuresAreKeptAsSuppressedExceptions() {
    PipelineOptions opts =
        options(20, 5)
            .workers(3)
            .processor(
                context -> {
                  throw new IllegalStateException("no decoder for worker " + context.workerIndex());
                })
            .build();
    Pipeline pipeline = Pipeline.open(opts);
    Throwable thrown;
    try {
      thrown = org.assertj.core.api.Assertions.catchThrowable(() -> drain(pipeline, 0));
    } finally {
      pipeline.close(); // joins every worker, so every failure has been reported
    }
    assertThat(thrown).isInstanceOf(PipelineException.class);
    Throwable first = thrown.getCause();
    assertThat(first).isInstanceOf(IllegalStateException.class);
    List<String> all = new ArrayList<>();
    all.add(first.getMessage());
    for (Throwable t : first.getSuppressed()) {
      all.add(t.getMessage());
    }
    assertThat(all)
        .containsExactlyInAnyOrder(
            "no decoder for worker 0", "no decoder for worker 1", "no decoder for worker 2");
  }

  @Test
  void aConsumerHoldingEverySlabIsToldAtOnceInsteadOfWaitingForever() {
    PipelineOptions opts = options(40, 4).prefetchBatches(2).build();
    List<Batch> held = new ArrayList<>();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      for (int i = 0; i < 3; i++) {
        held.add(pipeline.next()); // the common mistake: collecting batches in a list
      }
      assertThatThrownBy(pipeline::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the consumer holds all 3 batch slabs")
          .hasMessageContaining("close each batch")
          .hasMessageContaining("prefetchBatches=2");
      assertThatThrownBy(pipeline::hasNext).isInstanceOf(IllegalStateException.class);
      assertThat(pipeline.tryNext()).isEmpty(); // the non-blocking form still just says "not now"
      held.removeFirst().close();
      try (Batch again = pipeline.next()) {
        assertThat(again.index()).isEqualTo(3);
      }
    } finally {
      held.forEach(Batch::close);
    }
  }

  @Test
  void ringMemoryFollowsWhatIsReadAndOneHugeSampleGrowsOneSlotOnce() {
    long[] plan = SyntheticSource.plan(40, 42, 0);
    int huge = 2 << 20;
    PipelineOptions opts =
        options(40, 4)
            .source(new SyntheticSource(40).withHugeSample(plan[0], huge))
            .maxEncodedBytes(4 << 20)
            .ringSlots(16)
            .workers(2)
            .prefetchBatches(2) // fixed: under AUTO a deeper prefetch is one more slab
            .build();
    long slabs = 3 * opts.slabBytes();
    long smallRing = 16 * (256L << 10); // each used slot holds at least 256 KiB
    try (Pipeline pipeline = Pipeline.open(opts)) {
      List<Seen> seen = drain(pipeline, 0);
      assertThat(seen).hasSize(10);
      PipelineMetrics m = pipeline.metrics();
      // Never ringSlots x maxEncodedBytes (64 MiB): at most one slot held the huge sample at once.
      assertThat(m.memoryPeak()).isLessThanOrEqualTo(slabs + smallRing + huge);
      // Position 0's slot was reused at positions 16 and 32 for small samples: it shrank back.
      assertThat(m.memoryUsed()).isLessThanOrEqualTo(slabs + smallRing);
    }
  }
}

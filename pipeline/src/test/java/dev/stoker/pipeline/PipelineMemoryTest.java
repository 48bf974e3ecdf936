package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryLeakException;
import dev.stoker.core.memory.MemoryMetrics;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.io.Source;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every off-heap byte a pipeline touches is drawn from its budget: the ring and slabs, each
 * worker's scratch and decoder, and the reader's stream buffers. The tests look into the budget
 * while the pipeline runs (who holds what), check that no component fell back to a budget of its
 * own, and that nothing is outstanding once the pipeline is closed, also when close() gives up on a
 * stuck worker.
 */
class PipelineMemoryTest {
  private static final Path SHARED =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));

  @TempDir Path tmp;

  private static PipelineOptions.Builder imagePipeline(String name, Source source) {
    Augmentation resize = Augmentation.builder().add(new Resize(16, 16)).build();
    return PipelineOptions.builder()
        .name(name)
        .source(source)
        .processor(ImageSampleProcessor.factory(resize, DecodeOptions.defaults()))
        .imageSize(16, 16)
        .batchSize(4)
        .workers(2)
        .epochs(2);
  }

  /** The pipeline's budget, found among the open ones by name, and its holdings right now. */
  private static MemoryMetrics budgetNamed(String name) {
    return MemoryBudget.openBudgets().stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no open budget named " + name));
  }

  private static List<String> budgetNamesOutside(String pipeline) {
    return MemoryBudget.openBudgets().stream()
        .map(MemoryMetrics::name)
        .filter(n -> !n.equals(pipeline))
        .toList();
  }

  @Test
  void tfRecordReaderAndTurboJpegDecoderDrawOnThePipelineBudgetAndGiveEverythingBack()
      throws Exception {
    assumeTrue(
        ImageDecoders.turboJpegAvailable(),
        "needs libturbojpeg: " + ImageDecoders.turboJpegUnavailableReason().orElse(""));
    List<String> before = budgetNamesOutside("mem-tfrecord");
    MemoryMetrics budget;
    List<String> held;
    List<String> othersWhileRunning;
    long batches = 0;
    try (TfRecordSource source =
            TfRecordSource.open(
                TfRecordOptions.builder(
                        List.of(SHARED.resolve("tfrecord/images.tfrecord").toString()))
                    .build());
        Pipeline pipeline = Pipeline.open(imagePipeline("mem-tfrecord", source).build())) {
      budget = budgetNamed("mem-tfrecord");
      try (Batch first = pipeline.next()) {
        held = budget.outstandingPurposes();
        othersWhileRunning = budgetNamesOutside("mem-tfrecord");
        batches++;
        assertThat(first.size()).isEqualTo(4);
      }
      while (pipeline.hasNext()) {
        pipeline.next().close();
        batches++;
      }
      assertThat(pipeline.metrics().skipped()).isZero();
      assertThat(pipeline.metrics().memoryPeak()).isLessThanOrEqualTo(budget.limitBytes());
    }
    assertThat(batches).isEqualTo(20); // 40 records × 2 epochs / 4
    // While it ran, the reader's frame buffer and each decoder's native header buffer were in the
    // pipeline's budget (the decoder is made on the first JPEG, so both workers have one by now
    // only if both decoded; at least one has).
    assertThat(held).anyMatch(p -> p.startsWith("reader/tfrecord read buffer ("));
    assertThat(held).anyMatch(p -> p.matches("worker \\d scratch/turbojpeg header \\(16 bytes\\)"));
    assertThat(held).anyMatch(p -> p.startsWith("worker ") && p.contains("/decoded image ("));
    // ... and none of them fell back to a budget of its own ("tfrecord reader …", "turbojpeg
    // decoder"), which would be outside the pipeline's limit.
    assertThat(othersWhileRunning).isEqualTo(before);
    // Everything was given back, and the budget is closed.
    assertThat(budget.usedBytes()).isZero();
    assertThat(budget.outstandingPurposes()).isEmpty();
    assertThat(MemoryBudget.openBudgets()).doesNotContain(budget);
  }

  @Test
  void folderFilesAreReadStraightIntoRingSlotsOfThePipelineBudget() throws Exception {
    Path root = tmp.resolve("photos");
    Files.createDirectories(root.resolve("a"));
    Files.createDirectories(root.resolve("b"));
    for (int i = 0; i < 6; i++) {
      Path jpeg = SHARED.resolve("images/img-0" + i + ".jpg");
      Files.copy(jpeg, root.resolve((i % 2 == 0 ? "a/" : "b/") + i + ".jpg"));
    }
    List<String> before = budgetNamesOutside("mem-folder");
    MemoryMetrics budget;
    List<String> held;
    List<String> othersWhileRunning;
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build());
        Pipeline pipeline = Pipeline.open(imagePipeline("mem-folder", source).epochs(10).build())) {
      budget = budgetNamed("mem-folder");
      try (Batch first = pipeline.next()) {
        // While the first batch is held the reader cannot finish: with 3 slabs it fills batches 1
        // (the last 2 samples of epoch 0) and 2 (4 of epoch 1), then waits inside epoch 1 with its
        // stream open. Wait until it has read into the ring.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
          held = budget.outstandingPurposes();
        } while (held.stream().noneMatch(p -> p.startsWith("ring slot ("))
            && System.nanoTime() < deadline
            && sleepBriefly());
        othersWhileRunning = budgetNamesOutside("mem-folder");
        assertThat(first.size()).isEqualTo(4);
      }
      while (pipeline.hasNext()) {
        pipeline.next().close();
      }
    }
    // Each file went straight into its ring slot: the stream never needed a buffer of its own.
    assertThat(held).anyMatch(p -> p.startsWith("ring slot ("));
    assertThat(held).noneMatch(p -> p.startsWith("reader/"));
    assertThat(othersWhileRunning).isEqualTo(before);
    assertThat(budget.usedBytes()).isZero();
    assertThat(MemoryBudget.openBudgets()).doesNotContain(budget);
  }

  @Test
  void aReaderBufferOverTheBudgetStopsThePipelineNamingBudgetRequestAndLimit() throws Exception {
    try (TfRecordSource source =
            TfRecordSource.open(
                TfRecordOptions.builder(
                        List.of(SHARED.resolve("tfrecord/images.tfrecord").toString()))
                    .build());
        Pipeline pipeline =
            Pipeline.open(
                imagePipeline("mem-tight", source).scratchLimitPerWorker(100_000).build())) {
      // The reader's first buffer is one read, 256 KiB: more than its 100,000-byte share.
      assertThatThrownBy(pipeline::next)
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining(
              "memory budget 'mem-tight/reader' cannot allocate 262144 bytes for tfrecord read"
                  + " buffer: 0 of 100000 bytes in use");
    }
  }

  /** A processor that waits for the test, ignoring interrupts, as a call into a stuck library. */
  private static final class StuckProcessor implements SampleProcessor {
    private final CountDownLatch entered;
    private final CountDownLatch release;

    StuckProcessor(CountDownLatch entered, CountDownLatch release) {
      this.entered = entered;
      this.release = release;
    }

    @Override
    public void process(EncodedSample sample, MemorySegment images, int index) {
      entered.countDown();
      boolean interrupted = false;
      while (true) {
        try {
          release.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // ignored on purpose, and restored when released
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {}
  }

  @Test
  void closeThatGivesUpOnAStuckWorkerClosesTheBudgetAndFreesTheRestWhenTheWorkerEnds()
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Pipeline pipeline =
        Pipeline.open(
            PipelineOptions.builder()
                .name("mem-stuck")
                .source(new SyntheticSource(8))
                .processor(context -> new StuckProcessor(entered, release))
                .imageSize(3, 4)
                .channels(3)
                .batchSize(2)
                .workers(1)
                .maxEncodedBytes(64)
                .seed(1)
                .build());
    MemoryMetrics budget = budgetNamed("mem-stuck");
    Thread worker = threadNamed("mem-stuck-worker-0");
    try {
      assertThat(entered.await(30, TimeUnit.SECONDS)).as("the worker took a sample").isTrue();
      assertThatThrownBy(pipeline::close)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("pipeline 'mem-stuck' threads did not stop within 5000 ms")
          .hasMessageContaining("[mem-stuck-worker-0]")
          .satisfies(
              e ->
                  assertThat(e.getSuppressed())
                      .singleElement()
                      .isInstanceOf(MemoryLeakException.class)
                      .extracting(Throwable::getMessage)
                      .asString()
                      .startsWith("memory budget 'mem-stuck' closed with ")
                      .contains("batch slab 0 images", "ring slot", "worker 0 scratch"));
      // The budget is closed at once, not left open for ever ...
      assertThat(MemoryBudget.openBudgets()).doesNotContain(budget);
      // ... while the memory the stuck worker may use is still held.
      assertThat(budget.usedBytes()).isPositive();
      pipeline.close(); // idempotent
    } finally {
      release.countDown();
    }
    worker.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(worker.isAlive()).as("the released worker ended").isFalse();
    // The last thread to end freed the ring and the slabs.
    assertThat(budget.usedBytes()).isZero();
    assertThat(budget.outstandingPurposes()).isEmpty();
  }

  private static boolean sleepBriefly() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    return true;
  }

  private static Thread threadNamed(String name) {
    Set<Thread> all = Thread.getAllStackTraces().keySet();
    return all.stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread named " + name));
  }
}

package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.error.ErrorPolicy;
import dev.stoker.core.memory.MemoryBudget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The soak test: 50 epochs over 3,200 samples with random consumer delays, random early closes (the
 * run resumes from {@link Pipeline#state()} in a new pipeline) and a worker exception every 1,500
 * samples under the skip policy. After every epoch it samples the process's resident memory, its
 * live thread count and the open memory budgets, and asserts they are flat after the first epoch.
 * Not in the default build; run it with
 *
 * <pre>
 * ./mvnw -B -pl pipeline -am verify -Dstoker.soak=true -Dtest=PipelineSoakTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the figures it prints. With {@code JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary}
 * it also prints the JVM's native memory by category, as a difference from the end of epoch 1, to
 * tell heap growth from the JIT, metaspace, arenas or malloc.
 */
@EnabledIfSystemProperty(named = "stoker.soak", matches = "true")
class PipelineSoakTest {
  private static final int SAMPLES = 3200; // 100 whole batches: an epoch ends at 3200
  private static final int EPOCHS = 50;
  private static final int BATCH = 32;

  /** Resident memory is measured, never compared exactly: the heap may settle a little. */
  private static final long RSS_SLACK_KIB = 64 * 1024;

  /** Runs {@code jcmd VM.native_memory <args>} in this JVM; a note when NMT is off. */
  private static String nativeMemory(String... args) {
    try {
      return (String)
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {args},
                  new String[] {String[].class.getName()});
    } catch (JMException e) {
      return "native memory tracking unavailable: " + e;
    }
  }

  private static long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }

  @Test
  void fiftyEpochsWithDelaysEarlyClosesAndFailuresStayFlat() throws IOException {
    Set<Long> failing = new HashSet<>();
    for (long id = 0; id < SAMPLES; id += 1500) {
      failing.add(id + 7);
    }
    Random random = new Random(20261204L);
    PipelineOptions.Builder base =
        PipelineOptions.builder()
            .name("soak")
            .source(new SyntheticSource(SAMPLES))
            .processor(SyntheticProcessor.factory(20_000, failing))
            .imageSize(16, 16)
            .channels(3)
            .batchSize(BATCH)
            .epochs(EPOCHS)
            .workers(3)
            .maxEncodedBytes(64)
            .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
            .seed(7);
    List<long[]> figures = new ArrayList<>(); // epoch, rss KiB, threads, open budgets, heap KiB
    PipelineState state = null;
    long delivered = 0;
    long skipped = 0;
    int reopened = 0;
    while (true) {
      PipelineOptions opts = state == null ? base.build() : base.resumeFrom(state).build();
      boolean finished = true;
      try (Pipeline pipeline = Pipeline.open(opts)) {
        while (pipeline.hasNext()) {
          try (Batch batch = pipeline.next()) {
            delivered += batch.size();
            if (random.nextInt(8) == 0) {
              LockSupport.parkNanos(random.nextInt(500_000));
            }
          }
          PipelineState now = pipeline.state();
          if (now.position() == SAMPLES) {
            assertThat(figures).hasSize((int) now.epoch());
            figures.add(
                new long[] {
                  now.epoch(),
                  rssKib(),
                  Thread.activeCount(),
                  MemoryBudget.openBudgets().size(),
                  Runtime.getRuntime().totalMemory() >> 10
                });
            if (now.epoch() == 1) {
              String unused = nativeMemory("baseline");
            }
          }
          if (random.nextInt(400) == 0) {
            state = now;
            finished = false;
            reopened++;
            break;
          }
        }
        skipped += pipeline.errorLog().count();
      }
      if (finished) {
        break;
      }
    }
    System.out.printf(
        "soak: %d epochs, %d samples delivered, %d skipped, %d early closes%n",
        EPOCHS, delivered, skipped, reopened);
    for (long[] f : figures) {
      System.out.printf(
          "soak: epoch %2d  rss %6d KiB  threads %3d  open budgets %d  heap committed %6d KiB%n",
          f[0], f[1], f[2], f[3], f[4]);
    }
    System.out.println("soak: native memory since epoch 1:");
    System.out.println(nativeMemory("summary.diff"));
    assertThat(delivered).isEqualTo((long) EPOCHS * SAMPLES); // resumes are exact
    assertThat(skipped).isEqualTo((long) EPOCHS * failing.size()); // each bad sample, each epoch
    assertThat(figures).hasSize(EPOCHS);
    long[] first = figures.get(1);
    for (long[] f : figures.subList(1, figures.size())) {
      assertThat(f[1]).as("rss at epoch %d", f[0]).isLessThan(first[1] + RSS_SLACK_KIB);
      if (f[0] < EPOCHS - 1) { // in the last epoch the reader has read everything and ended
        assertThat(f[2]).as("threads at epoch %d", f[0]).isEqualTo(first[2]);
      }
      assertThat(f[3]).as("open budgets at epoch %d", f[0]).isEqualTo(first[3]);
    }
    assertThat(MemoryBudget.openBudgets()).isEmpty();
  }
}

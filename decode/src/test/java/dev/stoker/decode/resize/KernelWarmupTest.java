package dev.stoker.decode.resize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The warm-up mechanism on exercises whose allocation the test controls: it ends at the first step
 * that allocates nothing, or at its step limit, and at once where there is nothing to warm up.
 */
class KernelWarmupTest {
  /** Keeps the exercise's arrays reachable, so the JIT cannot remove their allocation. */
  private static volatile byte @Nullable [] sink;

  private static boolean countsAllocations() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
        && b.isThreadAllocatedMemorySupported()
        && b.isThreadAllocatedMemoryEnabled();
  }

  /** An exercise that allocates 64 KiB on each of its first {@code noisy} runs, then nothing. */
  private static Runnable allocatingFor(AtomicInteger runs, int noisy) {
    return () -> {
      if (runs.getAndIncrement() < noisy) {
        sink = new byte[64 * 1024];
      }
    };
  }

  @Test
  void endsAtTheFirstStepThatAllocatesNothing() {
    assumeThat(countsAllocations()).as("the JVM counts a thread's allocations").isTrue();
    AtomicInteger runs = new AtomicInteger();
    // Two runs a step, allocating for five runs: steps 1 to 3 allocate, step 4 is quiet.
    KernelWarmup warmup = new KernelWarmup(2, 100, () -> allocatingFor(runs, 5));
    for (int step = 1; step <= 3; step++) {
      assertThat(warmup.ready()).as("after step %d", step).isFalse();
      assertThat(warmup.steps()).isEqualTo(step);
    }
    assertThat(warmup.ready()).as("after the quiet step").isTrue();
    assertThat(warmup.steps()).isEqualTo(4);
    assertThat(warmup.ready()).isTrue();
    assertThat(warmup.steps()).as("no step once over").isEqualTo(4);
    assertThat(runs.get()).isEqualTo(8);
  }

  @Test
  void givesUpAfterItsStepLimit() {
    AtomicInteger runs = new AtomicInteger();
    KernelWarmup warmup = new KernelWarmup(3, 7, () -> allocatingFor(runs, Integer.MAX_VALUE));
    int calls = 0;
    while (!warmup.ready()) {
      calls++;
      assertThat(calls).as("calls before the limit").isLessThan(7);
    }
    assertThat(warmup.steps()).isEqualTo(7);
    assertThat(runs.get()).isEqualTo(21);
  }

  @Test
  void isOverAtOnceWithNothingToWarmUp() {
    AtomicInteger made = new AtomicInteger();
    KernelWarmup warmup =
        new KernelWarmup(
            4,
            10,
            () -> {
              made.incrementAndGet();
              return null;
            });
    assertThat(warmup.ready()).isTrue();
    assertThat(warmup.ready()).isTrue();
    assertThat(warmup.steps()).isZero();
    assertThat(made.get()).as("exercises made").isEqualTo(1);
  }

  @Test
  void rejectsCountsBelowOne() {
    assertThatThrownBy(() -> new KernelWarmup(0, 1, () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callsPerStep=0 (expected: at least 1)");
    assertThatThrownBy(() -> new KernelWarmup(1, -2, () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSteps=-2 (expected: at least 1)");
  }
}

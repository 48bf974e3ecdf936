package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every blocking call of the pipeline's public API, in each situation that could leave it waiting
 * for good: it returns, or fails with a message that says what to do. The only waits left are
 * documented as lasting until an event the caller controls, or until the workers make progress.
 *
 * <p>Each call runs on its own thread under a watchdog. The watchdog's bound is a hang detector
 * that only a call blocked for good reaches, never a speed check: a call that passes it has been
 * waiting two minutes for something that can no longer happen, and the failure prints where it
 * waits.
 */
class BlockingCallsWatchdogTest {
  private static final long WATCHDOG_MILLIS = 120_000;

  @AfterEach
  void noPipelineThreadsLeft() {
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("wtest-") && t.isAlive());
  }

  private static PipelineOptions.Builder options(int size, long maxDelayNanos) {
    return PipelineOptions.builder()
        .name("wtest-" + size)
        .source(new SyntheticSource(size))
        .processor(SyntheticProcessor.factory(maxDelayNanos, Set.of()))
        .imageSize(3, 4)
        .channels(3)
        .batchSize(4)
        .maxEncodedBytes(64)
        .prefetchBatches(2)
        .seed(42);
  }

  /** Runs {@code call} on its own thread; returns what it returned or threw. */
  private static Object watched(String what, Callable<?> call) throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .name("watched " + what)
            .start(
                () -> {
                  try {
                    outcome.set(call.call());
                  } catch (Throwable e) {
                    outcome.set(e);
                  }
                });
    t.join(WATCHDOG_MILLIS);
    if (t.isAlive()) {
      String stack =
          Arrays.stream(t.getStackTrace())
              .map(StackTraceElement::toString)
              .collect(Collectors.joining("\n  at "));
      fail(what + " is blocked for good:\n  at " + stack);
    }
    return outcome.get();
  }

  @Test
  void nextAndHasNextFailWithAMessageWhenTheConsumerHoldsEverySlab() throws Exception {
    List<Batch> held = new ArrayList<>();
    try (Pipeline pipeline = Pipeline.open(options(40, 0).build())) {
      for (int i = 0; i < 3; i++) {
        held.add(pipeline.next());
      }
      for (Callable<?> call : List.<Callable<?>>of(pipeline::next, pipeline::hasNext)) {
        assertThat(watched("next/hasNext holding every slab", call))
            .isInstanceOf(IllegalStateException.class)
            .asString()
            .contains("close each batch", "prefetchBatches=2");
      }
      assertThat(watched("tryNext", pipeline::tryNext)).isEqualTo(java.util.Optional.empty());
    } finally {
      held.forEach(Batch::close);
    }
  }

  @Test
  void aNextWaitingOnAnotherThreadReturnsWhenThePipelineIsClosed() throws Exception {
    Pipeline pipeline = Pipeline.open(options(4000, 50_000_000).workers(1).build());
    Thread consumer =
        Thread.ofPlatform()
            .name("consumer")
            .start(
                () -> {
                  try {
                    while (pipeline.hasNext()) {
                      pipeline.next().close();
                    }
                  } catch (IllegalStateException closed) {
                    // expected: the pipeline was closed under the waiting consumer
                  }
                });
    assertThat(watched("close", () -> closeAndSay(pipeline))).isEqualTo("closed");
    assertThat(watched("the consumer's next()", () -> joinAndSay(consumer))).isEqualTo("returned");
  }

  @Test
  void aFailedPipelineFailsEveryWaitingCall() throws Exception {
    PipelineOptions opts =
        options(40, 0)
            .processor(
                context -> {
                  throw new IllegalStateException("no decoder");
                })
            .build();
    try (Pipeline pipeline = Pipeline.open(opts)) {
      assertThat(watched("hasNext after a worker failure", pipeline::hasNext))
          .isInstanceOf(PipelineException.class)
          .asString()
          .contains("no decoder");
      assertThat(watched("next after a worker failure", pipeline::next))
          .isInstanceOf(PipelineException.class);
    }
  }

  @Test
  void theEndOfTheDataAndABatchClosedAfterThePipelineReturnAtOnce() throws Exception {
    Batch last;
    try (Pipeline pipeline = Pipeline.open(options(8, 0).build())) {
      pipeline.next().close();
      last = pipeline.next();
      assertThat(watched("hasNext at the end", pipeline::hasNext)).isEqualTo(false);
      assertThat(watched("next at the end", pipeline::next))
          .isInstanceOf(NoSuchElementException.class);
    }
    assertThat(watched("Batch.close after Pipeline.close", () -> closeAndSay(last)))
        .isEqualTo("closed");
    assertThat(MemoryBudget.openBudgets())
        .extracting(MemoryMetrics::name)
        .doesNotContain("wtest-8");
  }

  private static String closeAndSay(AutoCloseable c) throws Exception {
    c.close();
    return "closed";
  }

  private static String joinAndSay(Thread t) throws InterruptedException {
    t.join();
    return "returned";
  }
}

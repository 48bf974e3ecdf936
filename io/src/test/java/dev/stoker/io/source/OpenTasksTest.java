package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The open's task runner: results in order, {@value OpenTasks#THREADS} at a time. */
class OpenTasksTest {
  @Test
  void resultsComeInInputOrderAndTHREADSTasksRunTogetherButNoMore() throws IOException {
    List<Integer> units = IntStream.range(0, 5 * OpenTasks.THREADS).boxed().toList();
    // Each task waits until THREADS tasks are in flight: a runner with less parallelism would
    // never get past the first barrier (the generous timeout only turns that into a failure).
    CyclicBarrier together = new CyclicBarrier(OpenTasks.THREADS);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> squares =
        OpenTasks.run(
            units,
            u -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                together.await(60, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IOException("the tasks did not run " + OpenTasks.THREADS + " at once", e);
              } finally {
                inFlight.decrementAndGet();
              }
              return u * u;
            });
    assertThat(squares).isEqualTo(units.stream().map(u -> u * u).toList());
    assertThat(most.get()).isEqualTo(OpenTasks.THREADS);
  }

  @Test
  void theFirstFailureInInputOrderIsThrown() {
    List<Integer> units = IntStream.range(0, 40).boxed().toList();
    assertThatThrownBy(
            () ->
                OpenTasks.run(
                    units,
                    u -> {
                      if (u == 7 || u == 3) {
                        throw new IOException("unit " + u + " failed");
                      }
                      return u;
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("unit 3 failed");
  }
}

package dev.stoker.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class MemoryBudgetTest {

  @Test
  void accountsForEveryAllocationAndFreesOnClose() {
    try (MemoryBudget budget = MemoryBudget.create("slabs", 1000)) {
      OffHeapBuffer a = budget.allocate("a", 300);
      OffHeapBuffer b = budget.allocate("b", 200);
      assertThat(budget.usedBytes()).isEqualTo(500);
      assertThat(budget.outstandingCount()).isEqualTo(2);
      assertThat(a.segment().byteSize()).isEqualTo(300);
      assertThat(a.segment().address() % MemoryBudget.DEFAULT_ALIGNMENT).isZero();
      assertThat(a.segment().get(ValueLayout.JAVA_BYTE, 299)).isZero();
      a.close();
      a.close(); // idempotent: counted back once
      assertThat(budget.usedBytes()).isEqualTo(200);
      assertThat(budget.peakBytes()).isEqualTo(500);
      b.close();
      assertThat(budget.usedBytes()).isZero();
      assertThatThrownBy(() -> a.segment().get(ValueLayout.JAVA_BYTE, 0))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void refusesToPassTheLimitAndAllocatesNothing() {
    try (MemoryBudget budget = MemoryBudget.create("ring", 1000)) {
      try (OffHeapBuffer held = budget.allocate("slot 0", 600)) {
        assertThatThrownBy(() -> budget.allocate("slot 1", 600))
            .isInstanceOf(BudgetExceededException.class)
            .hasMessage(
                "memory budget 'ring' cannot allocate 600 bytes for slot 1: 600 of 1000 bytes in"
                    + " use");
        assertThat(budget.usedBytes()).isEqualTo(600);
        assertThat(held.byteSize()).isEqualTo(600);
      }
    }
  }

  @Test
  void closeWithOutstandingMemoryNamesBudgetBytesAndPurpose() {
    MemoryBudget budget = MemoryBudget.create("pipeline", 1 << 20);
    OffHeapBuffer slab = budget.allocate("batch slab 3", 4096);
    Reservation tensor = budget.reserve("tensor 7", 100);
    assertThatThrownBy(budget::close)
        .isInstanceOf(MemoryLeakException.class)
        .hasMessage(
            "memory budget 'pipeline' closed with 4196 bytes outstanding in 2 item(s):"
                + " batch slab 3 (4096 bytes), tensor 7 (100 bytes)");
    budget.close(); // idempotent: the leak was reported once
    assertThatThrownBy(() -> budget.allocate("late", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("memory budget 'pipeline' is closed");
    slab.close(); // a late release is still counted back
    tensor.close();
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void childrenDrawOnTheirParentsLimit() {
    try (MemoryBudget root = MemoryBudget.create("root", 1000)) {
      try (MemoryBudget slabs = root.child("slabs", 800);
          MemoryBudget ring = root.child("ring", 800)) {
        assertThat(slabs.name()).isEqualTo("root/slabs");
        OffHeapBuffer s = slabs.allocate("slab", 700);
        assertThat(root.usedBytes()).isEqualTo(700);
        try (Reservation own = root.reserve("tensor", 5)) {
          assertThat(root.outstandingPurposes())
              .containsExactly("slabs/slab (700 bytes)", "tensor (5 bytes)");
          assertThat(own.byteSize()).isEqualTo(5);
        }
        assertThatThrownBy(() -> ring.allocate("slot", 400))
            .isInstanceOf(BudgetExceededException.class)
            .hasMessageContaining("memory budget 'root' cannot allocate 400 bytes for slot");
        assertThat(ring.usedBytes()).isZero(); // the child's claim was rolled back
        s.close();
        assertThat(root.usedBytes()).isZero();
        assertThat(root.outstandingPurposes()).isEmpty();
      }
    }
  }

  @Test
  void parentClosedBeforeItsChildReportsTheChild() {
    MemoryBudget root = MemoryBudget.create("root", 1000);
    MemoryBudget child = root.child("ring", 100);
    assertThatThrownBy(root::close)
        .isInstanceOf(MemoryLeakException.class)
        .hasMessageContaining("open child budget 'root/ring' (0 bytes)");
    child.close();
  }

  @Test
  void rejectsBadArgumentsWithTheProjectMessageForm() {
    assertThatThrownBy(() -> MemoryBudget.create("x", 0))
        .hasMessage("limitBytes=0 (expected: > 0)");
    try (MemoryBudget budget = MemoryBudget.create("x", 10)) {
      assertThatThrownBy(() -> budget.allocate("p", 8, 3))
          .hasMessage("alignment=3 (expected: a power of two)");
      assertThatThrownBy(() -> budget.reserve("p", -1)).hasMessage("bytes=-1 (expected: >= 0)");
    }
  }

  @Test
  void concurrentAllocateAndFreeBalancesToZero() throws Exception {
    int threads = 4;
    int rounds = 2000;
    try (MemoryBudget budget = MemoryBudget.create("shared", threads * 64L);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int ok = 0;
                  for (int i = 0; i < rounds; i++) {
                    try (Reservation r = budget.reserve("r", 64)) {
                      ok += r.byteSize() == 64 ? 1 : 0;
                    }
                  }
                  return ok;
                }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(rounds);
      }
      assertThat(budget.usedBytes()).isZero();
      assertThat(budget.outstandingCount()).isZero();
      assertThat(budget.peakBytes()).isBetween(64L, threads * 64L);
    }
  }

  @Test
  void theExtensionFailsATestThatLeavesABudgetOpen() {
    Events events =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .selectors(selectClass(LeakyFixture.class))
            .execute()
            .testEvents();
    events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(events.failed().stream())
        .singleElement()
        .satisfies(
            e ->
                assertThat(
                        e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .orElseThrow()
                            .getThrowable()
                            .orElseThrow())
                    .hasMessageContaining(
                        "left memory budget(s) open: 'leaky' with 128 bytes in 1"));
    LeakyFixture.cleanUp();
  }

  /** Run only through the test kit above: one test leaks, one does not. */
  static class LeakyFixture {
    private static final List<AutoCloseable> LEAKED = new ArrayList<>();

    @Test
    void leaks() {
      MemoryBudget budget = MemoryBudget.create("leaky", 1024);
      LEAKED.add(budget.allocate("forgotten", 128));
      LEAKED.add(budget);
    }

    @Test
    void cleansUp() {
      try (MemoryBudget budget = MemoryBudget.create("tidy", 1024);
          OffHeapBuffer b = budget.allocate("used", 128)) {
        assertThat(b.byteSize()).isEqualTo(128);
      }
    }

    static void cleanUp() {
      for (AutoCloseable c : LEAKED) {
        try {
          c.close();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
      LEAKED.clear();
    }
  }
}

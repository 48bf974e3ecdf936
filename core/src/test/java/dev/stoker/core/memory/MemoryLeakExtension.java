package dev.stoker.core.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that leaves a {@link MemoryBudget} open: every budget a test creates must be
 * closed, with nothing outstanding, by the time the test ends.
 *
 * <p>Registered for every module through JUnit's extension auto-detection (the test jar's {@code
 * META-INF/services} entry plus {@code junit.jupiter.extensions.autodetection.enabled=true} in a
 * module's {@code junit-platform.properties}); it can also be named with {@code @ExtendWith}.
 * Budgets that were already open before the test started (class-level fixtures) are not its
 * business.
 */
public final class MemoryLeakExtension implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MemoryLeakExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Set<MemoryMetrics> before = Collections.newSetFromMap(new IdentityHashMap<>());
    before.addAll(MemoryBudget.openBudgets());
    context.getStore(NS).put("before", before);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Set<MemoryMetrics> before = (Set<MemoryMetrics>) context.getStore(NS).get("before");
    List<String> leaks = new ArrayList<>();
    for (MemoryMetrics open : MemoryBudget.openBudgets()) {
      if (before == null || !before.contains(open)) {
        leaks.add(
            "'"
                + open.name()
                + "' with "
                + open.usedBytes()
                + " bytes in "
                + open.outstandingCount()
                + " allocation(s)");
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          context.getDisplayName() + " left memory budget(s) open: " + String.join("; ", leaks));
    }
  }
}

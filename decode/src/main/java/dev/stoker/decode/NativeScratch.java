package dev.stoker.decode;

import dev.stoker.core.memory.BudgetExceededException;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * A grow-only native buffer, drawn from a {@link MemoryBudget}, for data that arrives on the heap
 * but must be handed to native code: it reallocates only when a larger size is asked for, so a
 * stream of similar images allocates nothing after the first. Owned and closed by one decoder; not
 * thread-safe.
 */
final class NativeScratch implements AutoCloseable {
  private final MemoryBudget budget;
  private final String purpose;
  private @Nullable OffHeapBuffer buffer;

  NativeScratch(MemoryBudget budget, String purpose) {
    this.budget = budget;
    this.purpose = purpose;
  }

  /**
   * Returns a segment of at least {@code bytes}, valid until the next call or close.
   *
   * @throws BudgetExceededException when the budget cannot hold {@code bytes} more
   */
  MemorySegment get(long bytes) {
    OffHeapBuffer current = buffer;
    if (current != null && current.byteSize() >= bytes) {
      return current.segment();
    }
    long held = current == null ? 0 : current.byteSize();
    close();
    // Grow by half again, so that a slowly increasing size does not reallocate every time; when
    // the budget has no room for the slack, take just what is needed.
    long wanted = Math.max(bytes, held + held / 2);
    OffHeapBuffer grown;
    try {
      grown = budget.allocate(purpose, wanted);
    } catch (BudgetExceededException e) {
      if (wanted == bytes) {
        throw e;
      }
      grown = budget.allocate(purpose, bytes);
    }
    buffer = grown;
    return grown.segment();
  }

  @Override
  public void close() {
    OffHeapBuffer current = buffer;
    buffer = null;
    if (current != null) {
      current.close();
    }
  }
}

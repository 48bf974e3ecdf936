package dev.stoker.io.source;

import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * A stream's reusable off-heap buffer for one sample's bytes, drawn from a {@link MemoryBudget}: it
 * grows by doubling, never beyond the source's {@code maxSampleBytes} (callers check sizes first),
 * and is returned to the budget on {@link #close()}. Each size is its own {@link OffHeapBuffer},
 * freed when the buffer grows, so a stream may move between threads.
 */
final class ScratchBuffer implements AutoCloseable {
  static final String PURPOSE = "sample read buffer";

  private final MemoryBudget budget;
  private @Nullable OffHeapBuffer block;
  private boolean closed;

  ScratchBuffer(MemoryBudget budget) {
    this.budget = budget;
  }

  /** The most a stream's own budget must hold for samples of at most {@code maxSampleBytes}. */
  static long ownBudgetLimit(long maxSampleBytes) {
    return Math.max(
        4096,
        Math.min(Long.highestOneBit(Math.max(1, maxSampleBytes - 1)) << 1, Integer.MAX_VALUE));
  }

  /** Returns a segment of exactly {@code bytes}, valid until the next call or close. */
  MemorySegment get(long bytes) {
    if (closed) {
      throw new IllegalStateException("scratch buffer is closed");
    }
    OffHeapBuffer current = block;
    if (current == null || current.byteSize() < bytes) {
      if (current != null) {
        block = null;
        current.close();
      }
      long size = Math.max(bytes, Math.min(Long.highestOneBit(bytes - 1) << 1, Integer.MAX_VALUE));
      current = budget.allocate(PURPOSE, Math.max(size, 4096));
      block = current;
    }
    return current.segment().asSlice(0, bytes);
  }

  @Override
  public void close() {
    closed = true;
    OffHeapBuffer current = block;
    block = null;
    if (current != null) {
      current.close();
    }
  }
}

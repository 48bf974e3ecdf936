package dev.stoker.io.source;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * A stream's reusable off-heap buffer for one sample's bytes: it grows by doubling, never beyond
 * the source's {@code maxSampleBytes} (callers check sizes first), and is freed on {@link
 * #close()}. Each size lives in its own shared arena, closed when the buffer grows, so a stream may
 * move between threads.
 */
final class ScratchBuffer implements AutoCloseable {
  private Arena arena = Arena.ofShared();
  private @Nullable MemorySegment segment = MemorySegment.NULL;

  /** Returns a segment of exactly {@code bytes}, valid until the next call or close. */
  MemorySegment get(long bytes) {
    MemorySegment current = segment;
    if (current == null) {
      throw new IllegalStateException("scratch buffer is closed");
    }
    if (current.byteSize() < bytes) {
      arena.close();
      arena = Arena.ofShared();
      long size = Math.max(bytes, Math.min(Long.highestOneBit(bytes - 1) << 1, Integer.MAX_VALUE));
      current = arena.allocate(Math.max(size, 4096), 64);
      segment = current;
    }
    return current.asSlice(0, bytes);
  }

  @Override
  public void close() {
    if (segment != null) {
      segment = null;
      arena.close();
    }
  }
}

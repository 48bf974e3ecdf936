package dev.stoker.decode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A grow-only native buffer for data that arrives on the heap but must be handed to native code: it
 * reallocates only when a larger size is asked for, so a stream of similar images allocates nothing
 * after the first. Owned and closed by one decoder; not thread-safe.
 */
final class NativeScratch implements AutoCloseable {
  private Arena arena = Arena.ofShared();
  private MemorySegment segment = MemorySegment.NULL;

  MemorySegment get(long bytes) {
    if (segment.byteSize() < bytes) {
      arena.close();
      arena = Arena.ofShared();
      // Grow by half again, so that a slowly increasing size does not reallocate every time.
      segment = arena.allocate(Math.max(bytes, segment.byteSize() + segment.byteSize() / 2), 64);
    }
    return segment;
  }

  @Override
  public void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
    segment = MemorySegment.NULL;
  }
}

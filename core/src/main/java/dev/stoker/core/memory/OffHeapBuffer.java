package dev.stoker.core.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A block of off-heap memory allocated from a {@link MemoryBudget}, zero-filled, in its own shared
 * {@link Arena}.
 *
 * <p><b>Ownership and threading.</b> The caller of {@link MemoryBudget#allocate} owns the buffer.
 * Any thread may read and write the {@link #segment()}; the owner must make sure no thread uses it
 * any more when it calls {@link #close()}, which frees the memory at once and returns the bytes to
 * the budget. After close, any access through the segment throws {@link IllegalStateException}
 * rather than touching freed memory. {@code close()} is idempotent.
 */
public final class OffHeapBuffer implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment segment;
  private final Reservation reservation;
  private boolean closed;

  OffHeapBuffer(Reservation reservation, long alignment) {
    this.reservation = reservation;
    this.arena = Arena.ofShared();
    try {
      this.segment = arena.allocate(reservation.byteSize(), alignment);
    } catch (RuntimeException | OutOfMemoryError e) {
      arena.close();
      reservation.close();
      throw e;
    }
  }

  /**
   * Returns the memory. The segment is valid until {@link #close()}.
   *
   * @return the whole block
   */
  public MemorySegment segment() {
    return segment;
  }

  /**
   * Returns the size of the block.
   *
   * @return the size in bytes
   */
  public long byteSize() {
    return segment.byteSize();
  }

  /**
   * Returns what the block is for, as given when allocating.
   *
   * @return the purpose
   */
  public String purpose() {
    return reservation.purpose();
  }

  /** Frees the memory and returns its bytes to the budget. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      arena.close();
    } finally {
      reservation.close();
    }
  }

  @Override
  public String toString() {
    return "OffHeapBuffer[" + reservation + "]";
  }
}

package dev.stoker.core.memory;

/**
 * A claim on part of a {@link MemoryBudget}'s limit, for bytes that someone else allocates (for
 * example a TensorFlow tensor whose memory Stoker writes into) or that an {@link OffHeapBuffer}
 * holds.
 *
 * <p><b>Ownership and threading.</b> The caller that obtained the reservation owns it and must
 * close it exactly once it no longer needs the bytes; it may be closed from any thread. {@link
 * #close()} is idempotent. Closing returns the bytes to the budget, also after the budget itself
 * was closed (a late release is not a leak, only counted back).
 */
public final class Reservation implements AutoCloseable {
  private final MemoryBudget budget;
  private final long id;
  private final String purpose;
  private final long bytes;
  private volatile boolean closed;

  Reservation(MemoryBudget budget, long id, String purpose, long bytes) {
    this.budget = budget;
    this.id = id;
    this.purpose = purpose;
    this.bytes = bytes;
  }

  /**
   * Returns what the bytes are for, as given when reserving.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the reserved size.
   *
   * @return the size in bytes
   */
  public long byteSize() {
    return bytes;
  }

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /** Returns the bytes to the budget. Idempotent; safe from any thread. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    budget.release(id, bytes);
  }

  @Override
  public String toString() {
    return purpose + " (" + bytes + " bytes)";
  }
}

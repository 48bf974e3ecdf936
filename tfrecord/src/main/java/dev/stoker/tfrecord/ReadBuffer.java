package dev.stoker.tfrecord;

import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * The reader's one off-heap buffer: a window {@code [start, end)} of unconsumed stream bytes that
 * is refilled from a channel, compacted to the front when it runs out of room, and grown (to at
 * most one frame of the largest accepted record) when a frame does not fit.
 *
 * <p>The memory is drawn from a {@link MemoryBudget} as an {@link OffHeapBuffer} owned by this
 * buffer: any one thread at a time may use it, and {@link #close()} returns it. Growing holds the
 * old and the new block for the copy, then frees the old one, so segments handed out before become
 * inaccessible rather than dangling.
 */
final class ReadBuffer implements AutoCloseable {
  static final String PURPOSE = "tfrecord read buffer";

  private final MemoryBudget budget;
  private final int maxCapacity;
  private OffHeapBuffer block;
  private MemorySegment segment;
  private MemorySegment readOnly;
  private ByteBuffer bytes;
  private int start;
  private int end;

  ReadBuffer(MemoryBudget budget, int initialCapacity, int maxCapacity) {
    this.budget = budget;
    this.maxCapacity = maxCapacity;
    this.block = budget.allocate(PURPOSE, Math.min(initialCapacity, maxCapacity));
    this.segment = block.segment();
    this.readOnly = segment.asReadOnly();
    this.bytes = segment.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  int start() {
    return start;
  }

  int available() {
    return end - start;
  }

  MemorySegment segment() {
    return segment;
  }

  MemorySegment readOnly() {
    return readOnly;
  }

  ByteBuffer bytes() {
    return bytes;
  }

  void consume(int n) {
    start += n;
  }

  void clear() {
    start = 0;
    end = 0;
  }

  /**
   * Makes at least {@code needed} bytes available, reading from {@code channel} as needed.
   *
   * @param needed bytes wanted from {@link #start()}, at most the maximum capacity
   * @param readAhead whether to read as much as fits (sequential) or only what is needed (one
   *     positional read)
   * @return false when the channel ended first; {@link #available()} then tells how much was there
   */
  boolean ensure(ReadableByteChannel channel, int needed, boolean readAhead) throws IOException {
    if (end - start >= needed) {
      return true;
    }
    if (needed > segment.byteSize()) {
      grow(needed);
    }
    if (start + needed > segment.byteSize()) {
      MemorySegment.copy(segment, start, segment, 0, end - start);
      end -= start;
      start = 0;
    }
    int limit = readAhead ? (int) segment.byteSize() : start + needed;
    while (end - start < needed) {
      bytes.limit(limit).position(end);
      int n = channel.read(bytes);
      if (n < 0) {
        return false;
      }
      if (n == 0) {
        throw new IOException(
            "the source returned no bytes for a read of "
                + (limit - end)
                + " (expected: a blocking channel or stream)");
      }
      end += n;
    }
    return true;
  }

  private void grow(int needed) {
    long doubled = Math.min(2L * segment.byteSize(), maxCapacity);
    long capacity = Math.max(needed, doubled);
    OffHeapBuffer next = budget.allocate(PURPOSE, capacity);
    MemorySegment grown = next.segment();
    MemorySegment.copy(segment, start, grown, 0, end - start);
    end -= start;
    start = 0;
    block.close();
    block = next;
    segment = grown;
    readOnly = grown.asReadOnly();
    bytes = grown.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void close() {
    block.close();
  }

  /**
   * The most a reader's own budget must hold: while growing, the old block and the new one, each at
   * most one frame of the largest accepted record.
   */
  static long ownBudgetLimit(int maxCapacity) {
    return 2L * maxCapacity;
  }
}

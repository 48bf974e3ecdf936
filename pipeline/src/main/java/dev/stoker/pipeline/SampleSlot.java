package dev.stoker.pipeline;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.io.SampleStream;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * One slot of the ring between the reader and the decode workers. The reader fills it and publishes
 * its sequence; exactly one worker claims and processes it; then the reader may reuse it. The
 * Disruptor's sequences order these hand-offs, so the fields need no volatile.
 *
 * <p>The slot's memory follows what is read: it starts empty, grows (to a power of two, at most
 * {@code maxEncodedBytes}) when a sample does not fit, and goes back to {@link #SMALL_BYTES} when a
 * grown slot next holds a sample that fits there, so an occasional huge sample does not keep memory
 * in every slot. Only the reader allocates and frees, and only while it holds the slot; {@link
 * #close()} frees what is left after every thread has stopped.
 */
final class SampleSlot implements EncodedSample, AutoCloseable {
  /** What a slot holds at least once it is used: a typical encoded image fits. */
  static final long SMALL_BYTES = 256 << 10;

  private final MemoryBudget budget;
  private final long maxBytes;
  private @Nullable OffHeapBuffer memory;
  private MemorySegment buffer = MemorySegment.NULL;
  private long length;
  private long sampleId;
  private long epoch;
  private long label;
  private String source = "";
  private SamplePosition position = SamplePosition.wholeFile();
  private @Nullable BatchSlot batch;
  private int index;
  private @Nullable SampleError readError;

  SampleSlot(MemoryBudget budget, long maxBytes) {
    this.budget = budget;
    this.maxBytes = maxBytes;
  }

  /** Makes room for {@code bytes}, growing or shrinking the slot's memory; the reader's side. */
  private void ensureCapacity(long bytes) {
    long capacity = buffer.byteSize();
    long small = Math.min(SMALL_BYTES, maxBytes);
    boolean grow = bytes > capacity;
    boolean shrink = capacity > 4 * small && bytes <= small; // a huge sample's slot, now small
    if (!grow && !shrink) {
      return;
    }
    long wanted = bytes <= small ? small : Math.min(maxBytes, Long.highestOneBit(bytes - 1) << 1);
    OffHeapBuffer old = memory;
    memory = null;
    buffer = MemorySegment.NULL;
    if (old != null) {
      old.close();
    }
    OffHeapBuffer fresh = budget.allocate("ring slot", wanted);
    memory = fresh;
    buffer = fresh.segment();
  }

  /** Returns the bytes this slot holds now: what the ring costs follows what was read. */
  long capacity() {
    return buffer.byteSize();
  }

  /** Frees the slot's memory; called once every thread has stopped. */
  @Override
  public void close() {
    OffHeapBuffer m = memory;
    memory = null;
    buffer = MemorySegment.NULL;
    if (m != null) {
      m.close();
    }
  }

  /**
   * The reader's side, before the sample is read, while no worker holds the slot: room for {@code
   * bytes} in this slot, for a stream that reads straight into it ({@link
   * dev.stoker.io.SampleMemory}); {@link MemorySegment#NULL} when they exceed {@code maxBytes} or
   * the budget refuses, so the stream reads into its own buffer and {@link #fill} reports the
   * problem as before.
   */
  MemorySegment reserve(long bytes) {
    if (bytes > maxBytes) {
      return MemorySegment.NULL;
    }
    try {
      ensureCapacity(bytes);
    } catch (RuntimeException refused) {
      return MemorySegment.NULL;
    }
    return buffer.asSlice(0, bytes);
  }

  /**
   * The reader's side: describes the sample and copies its bytes in, unless the stream read them
   * into this slot already ({@link #reserve}).
   */
  void fill(SampleStream from, long epoch, BatchSlot batch, int index) {
    this.sampleId = from.sampleId();
    this.epoch = epoch;
    this.label = from.label();
    this.source = from.source();
    this.position = from.samplePosition();
    this.batch = batch;
    this.index = index;
    this.readError = null;
    MemorySegment bytes = from.bytes();
    this.length = 0;
    boolean here = bytes.isNative() && bytes.address() == buffer.address() && buffer.address() != 0;
    if (!here) {
      ensureCapacity(bytes.byteSize());
      MemorySegment.copy(bytes, 0, buffer, 0, bytes.byteSize());
    }
    this.length = bytes.byteSize();
  }

  /** The reader's side, for a sample that could not be read at all. */
  void fillFailed(SampleError error, long sampleId, long epoch, BatchSlot batch, int index) {
    this.sampleId = sampleId;
    this.epoch = epoch;
    this.label = -1;
    this.source = error.source();
    this.position = error.position();
    this.batch = batch;
    this.index = index;
    this.readError = error;
    this.length = 0;
  }

  BatchSlot batch() {
    BatchSlot b = batch;
    if (b == null) {
      throw new IllegalStateException("slot was never filled");
    }
    return b;
  }

  int index() {
    return index;
  }

  @Nullable SampleError readError() {
    return readError;
  }

  @Override
  public long sampleId() {
    return sampleId;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public long label() {
    return label;
  }

  @Override
  public MemorySegment bytes() {
    return buffer.asSlice(0, length).asReadOnly();
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public SamplePosition position() {
    return position;
  }
}

package dev.stoker.pipeline;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.io.SampleStream;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * One preallocated slot of the ring between the reader and the decode workers. The reader fills it
 * and publishes its sequence; exactly one worker claims and processes it; then the reader may reuse
 * it. The Disruptor's sequences order these hand-offs, so the fields need no volatile.
 */
final class SampleSlot implements EncodedSample {
  private final MemorySegment buffer;
  private long length;
  private long sampleId;
  private long epoch;
  private long label;
  private String source = "";
  private SamplePosition position = SamplePosition.wholeFile();
  private @Nullable BatchSlot batch;
  private int index;
  private @Nullable SampleError readError;

  SampleSlot(MemorySegment buffer) {
    this.buffer = buffer;
  }

  /** The reader's side: describes the sample and copies its bytes in. */
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
    this.length = bytes.byteSize();
    MemorySegment.copy(bytes, 0, buffer, 0, length);
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

package dev.stoker.io.source;

import dev.stoker.core.Checks;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.io.EpochPlan;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * The part every source's stream shares: walking the plan, tracking the position, the current
 * sample's fields, and the one-way fatal state. Subclasses read one planned sample in {@link
 * #load(long)}.
 */
abstract class PlannedStream implements SampleStream {
  private final EpochPlan plan;
  private long position;
  private boolean current;
  private boolean closed;
  private @Nullable SampleReadException fatal;

  private long sampleId;
  private long label;
  private MemorySegment bytes = MemorySegment.NULL;
  private String source = "";
  private SamplePosition samplePosition = SamplePosition.wholeFile();

  PlannedStream(EpochPlan plan, long start) {
    Checks.require(
        start >= 0 && start <= plan.size(), "position", start, "in [0, " + plan.size() + "]");
    this.plan = plan;
    this.position = start;
  }

  /**
   * Reads one planned sample and calls {@link #set}, or throws.
   *
   * @param id the sample's dataset-wide id
   * @throws SampleReadException when this sample is bad
   * @throws IOException when the storage fails
   */
  abstract void load(long id) throws IOException;

  /** Releases the subclass's files and buffers. */
  abstract void release() throws IOException;

  final void set(long id, long label, MemorySegment bytes, String source, SamplePosition where) {
    this.sampleId = id;
    this.label = label;
    this.bytes = bytes.asReadOnly();
    this.source = source;
    this.samplePosition = where;
  }

  @Override
  public final boolean next() throws IOException {
    if (closed) {
      throw new IllegalStateException("stream is closed");
    }
    current = false;
    bytes = MemorySegment.NULL;
    SampleReadException stop = fatal;
    if (stop != null) {
      throw stop;
    }
    if (position == plan.size()) {
      return false;
    }
    long id = plan.sampleAt(position++);
    try {
      load(id);
    } catch (SampleReadException e) {
      if (!e.canContinue()) {
        fatal = e;
      }
      throw e;
    }
    current = true;
    return true;
  }

  @Override
  public final long size() {
    return plan.size();
  }

  @Override
  public final long position() {
    return position;
  }

  private void requireCurrent() {
    if (!current) {
      throw new IllegalStateException(
          "no current sample (expected: a call to next() that returned true)");
    }
  }

  @Override
  public final long sampleId() {
    requireCurrent();
    return sampleId;
  }

  @Override
  public final long label() {
    requireCurrent();
    return label;
  }

  @Override
  public final MemorySegment bytes() {
    requireCurrent();
    return bytes;
  }

  @Override
  public final String source() {
    requireCurrent();
    return source;
  }

  @Override
  public final SamplePosition samplePosition() {
    requireCurrent();
    return samplePosition;
  }

  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    current = false;
    bytes = MemorySegment.NULL;
    release();
  }
}

package dev.stoker.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.io.Cursor;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The reader thread: walks the plan epoch by epoch, takes a free slab for each new batch, copies
 * every sample's encoded bytes into a ring slot and publishes it to the workers.
 *
 * <p>Back-pressure is the {@code try} form of each step: when the ring is full or no slab is free,
 * the reader backs off and checks whether the pipeline is stopping, so it never blocks forever and
 * is never interrupted (an interrupt would close a {@code FileChannel} under it).
 */
final class SampleFeeder implements Runnable {
  private static final long MIN_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Pipeline pipeline;
  private final RingBuffer<SampleSlot> ring;
  private final PipelineOptions options;
  private final int batchSize;
  private final int refill; // free slots a full ring must have again before the reader goes on
  private final MemoryBudget budget;
  private long nextSequence;
  private long nanosPerSlot = MIN_PAUSE_NANOS; // how fast the workers free slots, as last seen
  private @Nullable SampleSlot nextSlot; // the free slot the next sample will travel in

  /**
   * @param budget the reader's own budget, for the streams' buffers; the feeder closes it when its
   *     thread ends
   */
  SampleFeeder(Pipeline pipeline, RingBuffer<SampleSlot> ring, MemoryBudget budget) {
    this.pipeline = pipeline;
    this.ring = ring;
    this.budget = budget;
    this.options = pipeline.options();
    this.batchSize = options.layout().batch();
    this.refill = Math.max(1, ring.getBufferSize() / 4);
  }

  @Override
  public void run() {
    try {
      PipelineState start = options.resumeFrom();
      long firstEpoch = start == null ? 0 : start.epoch();
      for (long epoch = firstEpoch; epoch < options.epochs(); epoch++) {
        long position = start != null && epoch == firstEpoch ? start.position() : 0;
        if (!feedEpoch(epoch, position)) {
          return;
        }
      }
      pipeline.readerDone(nextSequence);
    } catch (Throwable t) {
      pipeline.fail(t);
    } finally {
      try {
        budget.close();
      } catch (RuntimeException e) {
        pipeline.fail(e);
      }
    }
  }

  /** Returns false when the pipeline stopped. */
  private boolean feedEpoch(long epoch, long position) throws Exception {
    long started = System.nanoTime();
    Cursor cursor = new Cursor(options.seed(), epoch, position);
    try (SampleStream stream =
        options.source().open(cursor, options.sharding(), options.epochOrder(), budget)) {
      stream.readInto(this::lend);
      BatchSlot batch = null;
      int fill = 0;
      long batchIndex = position / batchSize;
      long fed = position;
      SampleReadException broken = null; // set once damage leaves the stream nowhere to go on
      boolean restReported = false;
      while (true) {
        SampleError error = null;
        long failedId = -1;
        if (broken == null) {
          if (!awaitFreeSlot()) {
            return false;
          }
          try {
            if (!stream.next()) {
              break;
            }
          } catch (SampleReadException e) {
            error = e.error();
            failedId = e.sampleId();
            if (!e.canContinue()) {
              broken = e;
            }
          }
        } else if (stream.size() == SampleStream.UNKNOWN_SIZE) {
          // The share's size is unknown (an uncounted source), so its unread places cannot be
          // kept: one more error says that the rest of the share was not read, and the epoch ends.
          if (restReported) {
            break;
          }
          restReported = true;
          SampleError cause = broken.error();
          error =
              new SampleError(
                  cause.source(),
                  cause.position(),
                  "not read: the rest of this rank's share, of unknown size (the source did not"
                      + " count it), after earlier damage ("
                      + cause.reason()
                      + ")",
                  null);
        } else if (fed >= stream.size()) {
          break;
        } else {
          // Keep every planned place: the rest of the share is reported, not silently shortened.
          SampleError cause = broken.error();
          error =
              new SampleError(
                  cause.source(),
                  cause.position(),
                  "not read: the stream stopped at earlier damage (" + cause.reason() + ")",
                  null);
        }
        if (batch == null) {
          pipeline.addReadNanos(System.nanoTime() - started);
          batch = acquireSlab();
          started = System.nanoTime();
          if (batch == null) {
            return false;
          }
          batch.assign(nextSequence++, epoch, batchIndex);
        }
        if (!publish(stream, batch, fill, error, failedId)) {
          return false;
        }
        fed++;
        if (++fill == batchSize) {
          batch = null;
          fill = 0;
          batchIndex++;
        }
      }
      if (batch != null) {
        finishPartial(batch, fill);
      }
    } finally {
      pipeline.addReadNanos(System.nanoTime() - started);
    }
    return true;
  }

  private void finishPartial(BatchSlot batch, int fill) {
    batch.size = fill;
    if (options.dropRemainder()) {
      batch.discard =
          true; // keeps its number: the consumer settles its errors in turn, then drops it
    }
    if (batch.remaining.addAndGet(fill - batchSize) == 0) {
      pipeline.complete(batch);
    }
  }

  private @Nullable BatchSlot acquireSlab() throws InterruptedException {
    while (true) {
      BatchSlot slab = pipeline.pollFreeSlab(1, TimeUnit.MILLISECONDS);
      if (slab != null) {
        return slab;
      }
      if (pipeline.isStopping()) {
        return null;
      }
    }
  }

  private boolean publish(
      SampleStream stream,
      BatchSlot batch,
      int index,
      @Nullable SampleError readError,
      long failedId) {
    SampleError error = readError;
    if (error == null) {
      long length = stream.bytes().byteSize();
      if (length > options.maxEncodedBytes()) {
        error =
            new SampleError(
                stream.source(),
                stream.samplePosition(),
                "encoded size "
                    + length
                    + " exceeds maxEncodedBytes "
                    + options.maxEncodedBytes()
                    + " (raise PipelineOptions.maxEncodedBytes)",
                null);
        failedId = stream.sampleId();
      }
    }
    long sequence = claim();
    if (sequence < 0) {
      return false;
    }
    SampleSlot slot = ring.get(sequence);
    try {
      if (error == null) {
        slot.fill(stream, batch.epoch, batch, index);
        batch.label(index, stream.sampleId(), stream.label());
      } else {
        slot.fillFailed(error, failedId, batch.epoch, batch, index);
        batch.label(index, failedId, -1);
      }
    } catch (RuntimeException e) {
      // A copy that fails is this sample's error; the slot must still be published, complete.
      slot.fillFailed(
          new SampleError(options.source().name(), SamplePosition.wholeFile(), "copy failed", e),
          failedId,
          batch.epoch,
          batch,
          index);
      batch.label(index, failedId, -1);
    } finally {
      ring.publish(sequence); // always publish a claimed sequence, or the workers stall
    }
    return true;
  }

  /**
   * Waits until the ring has a free slot and notes it as the one the next sample travels in: a
   * folder stream reads the file straight into it ({@link #lend}), so the bytes are not copied
   * again. Single producer: the next claim is the sequence after the cursor, and with room in the
   * ring no worker holds its slot. False when the pipeline is stopping.
   */
  private boolean awaitFreeSlot() {
    if (!ring.hasAvailableCapacity(1) && !awaitRoom()) {
      return false;
    }
    nextSlot = ring.get(ring.getCursor() + 1);
    return true;
  }

  /** The memory lent to the stream: the next free slot's, sized for the sample. */
  private MemorySegment lend(long bytes) {
    SampleSlot slot = nextSlot;
    nextSlot = null; // one sample per slot
    return slot == null ? MemorySegment.NULL : slot.reserve(bytes);
  }

  /**
   * Claims the next ring sequence; -1 when stopping. When the ring is full the workers are the
   * limit: the reader then waits until a quarter of the ring is free and refills it in one burst,
   * so it wakes about once per quarter ring instead of once per sample (each wake-up costs a park,
   * a context switch and cold caches on the next read), while the workers still have three quarters
   * of it to work on.
   */
  private long claim() {
    if (!ring.hasAvailableCapacity(1) && !awaitRoom()) {
      return -1;
    }
    try {
      return ring.tryNext();
    } catch (InsufficientCapacityException impossible) {
      throw new IllegalStateException("ring full right after it had room", impossible);
    }
  }

  /**
   * Waits until {@link #refill} slots are free; false when the pipeline is stopping. Each pause is
   * sized by the workers' recent pace ({@link #nanosPerSlot}, learnt from the slots freed while
   * waiting), so the reader wakes about when the room is there, not so late that the workers drain
   * the ring; a pause that frees nothing doubles the estimate.
   */
  private boolean awaitRoom() {
    long free = ring.remainingCapacity();
    long since = System.nanoTime();
    while (free < refill) {
      if (pipeline.isStopping()) {
        return false;
      }
      long pause = Math.clamp((refill - free) * nanosPerSlot, MIN_PAUSE_NANOS, MAX_PAUSE_NANOS);
      LockSupport.parkNanos(this, pause);
      long now = System.nanoTime();
      long freeNow = ring.remainingCapacity();
      if (freeNow > free) {
        nanosPerSlot = Math.max(1, (now - since) / (freeNow - free));
        since = now;
        free = freeNow;
      } else {
        nanosPerSlot = Math.min(2 * nanosPerSlot, MAX_PAUSE_NANOS);
      }
    }
    return true;
  }
}

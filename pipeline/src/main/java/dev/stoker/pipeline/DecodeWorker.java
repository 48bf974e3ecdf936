package dev.stoker.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import dev.stoker.core.error.SampleError;
import dev.stoker.core.memory.MemoryBudget;
import org.jspecify.annotations.Nullable;

/**
 * One decode worker: claims the next unclaimed ring sequence, waits for the reader to publish it,
 * and processes the sample into its batch slab.
 *
 * <p>Workers claim by compare-and-set on one shared {@code workSequence}, so a worker that drew a
 * cheap image takes the next one at once instead of waiting behind a fixed round-robin share. Each
 * worker's own {@code sequence} trails its current claim by one; the reader's claims are gated on
 * the minimum of these, so a slot is reused only after the worker holding it is done.
 *
 * <p>The autotuner may {@link #retire} a worker: it finishes the sample it claimed, claims no
 * other, stops gating the reader and frees its scratch. A claim is always processed by the worker
 * that made it, so retiring loses and repeats nothing.
 */
final class DecodeWorker implements Runnable {
  private final Pipeline pipeline;
  private final RingBuffer<SampleSlot> ring;
  private final SequenceBarrier barrier;
  private final Sequence workSequence;
  private final Sequence sequence = new Sequence(-1);
  private final WorkerContext context;
  private final MemoryBudget scratch;
  private volatile boolean retiring;

  DecodeWorker(
      Pipeline pipeline,
      RingBuffer<SampleSlot> ring,
      SequenceBarrier barrier,
      Sequence workSequence,
      WorkerContext context) {
    this.pipeline = pipeline;
    this.ring = ring;
    this.barrier = barrier;
    this.workSequence = workSequence;
    this.context = context;
    this.scratch = context.scratch();
  }

  Sequence sequence() {
    return sequence;
  }

  /** Asks the worker to stop after the sample in hand; called from the consumer thread. */
  void retire() {
    retiring = true;
  }

  @Override
  public void run() {
    SampleProcessor processor = null;
    try {
      processor = pipeline.options().processor().create(context);
      loop(processor);
    } catch (Throwable t) {
      pipeline.fail(t);
    } finally {
      sequence.set(Long.MAX_VALUE); // never gate the reader again
      if (retiring) {
        pipeline.workerRetired(this);
      }
      try {
        if (processor != null) {
          processor.close();
        }
        scratch.close();
      } catch (RuntimeException e) {
        pipeline.fail(e);
      }
    }
  }

  private void loop(SampleProcessor processor) throws Exception {
    boolean processed = true;
    long available = Long.MIN_VALUE;
    long next = sequence.get();
    while (true) {
      if (processed) {
        if (retiring) {
          return; // between samples: nothing claimed is left unprocessed
        }
        processed = false;
        do {
          next = workSequence.get() + 1;
          sequence.set(next - 1);
        } while (!workSequence.compareAndSet(next - 1, next));
      }
      if (available >= next) {
        process(processor, ring.get(next));
        processed = true;
        continue;
      }
      try {
        available = barrier.waitFor(next);
      } catch (AlertException e) {
        return; // the pipeline is stopping
      } catch (TimeoutException e) {
        // the wait strategy has no timeout; nothing to do but wait again
      }
    }
  }

  private void process(SampleProcessor processor, SampleSlot slot) throws Exception {
    BatchSlot batch = slot.batch();
    SampleError error = slot.readError();
    if (error == null) {
      long start = System.nanoTime();
      error = processSafely(processor, slot, batch);
      pipeline.addProcessNanos(System.nanoTime() - start);
    }
    if (error != null) {
      // Kept in the batch: the consumer applies the error policy in plan order (Pipeline.settle).
      batch.fail(slot.index(), error);
    }
    if (batch.remaining.decrementAndGet() == 0) {
      pipeline.complete(batch);
    }
  }

  private static @Nullable SampleError processSafely(
      SampleProcessor processor, SampleSlot slot, BatchSlot batch) throws InterruptedException {
    try {
      processor.process(slot, batch.memory.images(), slot.index());
      return null;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | StackOverflowError e) {
      // Anything a bad sample can provoke in a decoder is that sample's error.
      return SampleError.of(slot.source(), slot.position(), e);
    }
  }
}

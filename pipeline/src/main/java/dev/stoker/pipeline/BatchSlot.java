package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.error.SampleError;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One batch slab and the bookkeeping of the batch being assembled in it.
 *
 * <pre>
 *   FREE ──reader assigns──► FILLING ──last sample written──► COMPLETE ──next()──► HANDED
 *    ▲                          │ (partial batch dropped)                            │
 *    └──────────────────────────┴───────────────── Batch.close() ◄───────────────────┘
 * </pre>
 *
 * <p>The reader writes the batch's identity and labels before publishing its samples; workers write
 * disjoint samples and count down {@code remaining}; the worker that reaches zero completes the
 * batch. The count-down is a volatile read-modify-write, so the completing worker sees every other
 * worker's writes, and its volatile write of {@code state} publishes them to the consumer.
 */
final class BatchSlot {
  static final int FREE = 0;
  static final int FILLING = 1;
  static final int COMPLETE = 2;
  static final int HANDED = 3;

  private static final ValueLayout.OfLong LABEL =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

  final BatchMemory memory;
  final int slabIndex;
  final AtomicInteger remaining = new AtomicInteger();
  private final @Nullable SampleError[] errors;
  final long[] sampleIds;
  private final BatchLayout layout;

  volatile int state = FREE;
  long sequence;
  long epoch;
  long indexInEpoch;
  int size;
  boolean discard;
  boolean settled; // consumer thread only: its errors went through the error policy

  BatchSlot(BatchMemory memory, int slabIndex, BatchLayout layout) {
    this.memory = memory;
    this.slabIndex = slabIndex;
    this.layout = layout;
    this.errors = new SampleError[layout.batch()];
    this.sampleIds = new long[layout.batch()];
  }

  void assign(long sequence, long epoch, long indexInEpoch) {
    this.sequence = sequence;
    this.epoch = epoch;
    this.indexInEpoch = indexInEpoch;
    this.size = layout.batch();
    this.discard = false;
    this.settled = false;
    java.util.Arrays.fill(errors, null);
    remaining.set(layout.batch());
    state = FILLING;
  }

  void label(int index, long sampleId, long label) {
    sampleIds[index] = sampleId;
    memory.labels().setAtIndex(LABEL, index, label);
  }

  void fail(int index, SampleError error) {
    errors[index] = error;
  }

  /** Returns the error of the sample at {@code index}, or null when it is good. */
  @Nullable SampleError error(int index) {
    return errors[index];
  }

  /**
   * Replaces each failed sample with the nearest good sample before it in the batch, or after it
   * when none precedes: deterministic, since every sample is final when this runs. A batch with no
   * good sample is zero-filled with label -1.
   */
  void replaceFailed() {
    int good = -1;
    for (int i = 0; i < size; i++) {
      if (errors[i] == null) {
        good = i;
        break;
      }
    }
    MemorySegment images = memory.images();
    long sampleBytes = layout.sampleBytes();
    for (int i = 0; i < size; i++) {
      if (errors[i] == null) {
        good = i;
        continue;
      }
      if (good < 0) {
        images.asSlice(i * sampleBytes, sampleBytes).fill((byte) 0);
        label(i, -1, -1);
      } else {
        MemorySegment.copy(images, good * sampleBytes, images, i * sampleBytes, sampleBytes);
        label(i, sampleIds[good], memory.labels().getAtIndex(LABEL, good));
      }
    }
  }

  boolean hasFailures() {
    for (int i = 0; i < size; i++) {
      if (errors[i] != null) {
        return true;
      }
    }
    return false;
  }

  int failures() {
    int n = 0;
    for (int i = 0; i < size; i++) {
      n += errors[i] == null ? 0 : 1;
    }
    return n;
  }
}

package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A ready batch: images and labels in off-heap memory, lent to the consumer until it closes the
 * batch.
 *
 * <pre>{@code
 * while (pipeline.hasNext()) {
 *   try (Batch batch = pipeline.next()) {
 *     MemorySegment images = batch.images();   // layout().shape(), size() samples valid
 *     MemorySegment labels = batch.labels();   // size() little-endian int64
 *     train(images, labels);
 *   } // the slab goes back to the pipeline, which fills it with a later batch
 * }
 * }</pre>
 *
 * <p><b>Ownership and threading.</b> The consumer that received the batch from {@link
 * Pipeline#next()} owns it and must close it; it may read it from any thread while it holds it, and
 * close it from any thread. The memory stays valid until then, even if the pipeline is closed
 * first. After {@link #close()} the accessors throw {@link IllegalStateException}, and the memory
 * is refilled with another batch: do not keep the segments.
 */
public final class Batch implements AutoCloseable {
  private static final ValueLayout.OfLong LABEL =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Pipeline owner;
  private final BatchSlot slot;
  private final BatchLayout layout;
  private final int size;
  private final long epoch;
  private final long index;
  private final int replaced;
  private boolean closed;

  Batch(Pipeline owner, BatchSlot slot, BatchLayout layout, int replaced) {
    this.owner = owner;
    this.slot = slot;
    this.layout = layout;
    this.size = slot.size;
    this.epoch = slot.epoch;
    this.index = slot.indexInEpoch;
    this.replaced = replaced;
  }

  /**
   * Returns the layout of the slab: {@code layout().batch()} is the batch size the pipeline was
   * built with, which the last batch of an epoch may not fill.
   *
   * @return the layout
   */
  public BatchLayout layout() {
    return layout;
  }

  /**
   * Returns how many samples this batch holds.
   *
   * @return the sample count, at most {@code layout().batch()}
   */
  public int size() {
    return size;
  }

  /**
   * Returns the epoch this batch belongs to.
   *
   * @return the epoch, from 0
   */
  public long epoch() {
    return epoch;
  }

  /**
   * Returns this batch's index within its epoch.
   *
   * @return the index, from 0
   */
  public long index() {
    return index;
  }

  /**
   * Returns how many samples of this batch were bad and replaced under the skip policy. Each is
   * listed in the pipeline's error log.
   *
   * @return the count of replaced samples
   */
  public int replaced() {
    return replaced;
  }

  /**
   * Returns the images of the {@link #size()} samples, packed as {@link #layout()} says.
   *
   * @return the image memory
   */
  public MemorySegment images() {
    ensureOpen();
    return slot.memory.images().asSlice(0, size * layout.sampleBytes());
  }

  /**
   * Returns the labels: {@link #size()} little-endian {@code int64}.
   *
   * @return the label memory
   */
  public MemorySegment labels() {
    ensureOpen();
    return slot.memory.labels().asSlice(0, size * 8L);
  }

  /**
   * Returns one label.
   *
   * @param i the sample index within the batch
   * @return the label
   */
  public long label(int i) {
    ensureOpen();
    java.util.Objects.checkIndex(i, size);
    return slot.memory.labels().getAtIndex(LABEL, i);
  }

  /**
   * Returns the dataset-wide id of one sample: which record, row or file it came from. A replaced
   * sample (see {@link #replaced()}) reports the id of the sample whose values it repeats, or -1.
   *
   * @param i the sample index within the batch
   * @return the sample id
   */
  public long sampleId(int i) {
    ensureOpen();
    java.util.Objects.checkIndex(i, size);
    return slot.sampleIds[i];
  }

  /**
   * Returns the slab's memory object, for adapters that know the allocator (the TensorFlow adapter
   * reaches its tensors through it).
   *
   * @return the slab
   */
  public BatchMemory memory() {
    ensureOpen();
    return slot.memory;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("batch " + epoch + "/" + index + " is closed");
    }
  }

  /** Returns the slab to the pipeline. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    owner.recycle(slot);
  }

  @Override
  public String toString() {
    return "Batch[epoch " + epoch + ", index " + index + ", " + size + " samples]";
  }
}

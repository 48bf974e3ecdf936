package dev.stoker.pipeline;

import java.lang.foreign.MemorySegment;

/**
 * The memory of one batch slab: the images, laid out as the pipeline's {@link
 * dev.stoker.core.BatchLayout} says, and one little-endian {@code int64} label per sample.
 *
 * <p><b>Ownership and threading.</b> A slab is created once by a {@link BatchAllocator} when the
 * pipeline is built and reused for batch after batch. The pipeline owns it and closes it when the
 * pipeline closes (or, for a slab the consumer still holds then, when the consumer closes that
 * batch). Decode workers write disjoint samples into it concurrently; the consumer reads it only
 * while it holds the {@link Batch}.
 */
public interface BatchMemory extends AutoCloseable {
  /**
   * Returns the image memory: {@code layout.byteSize()} bytes.
   *
   * @return the images
   */
  MemorySegment images();

  /**
   * Returns the label memory: 8 bytes per sample of the batch.
   *
   * @return the labels
   */
  MemorySegment labels();

  /** Frees the slab. Called once, by the pipeline. */
  @Override
  void close();
}

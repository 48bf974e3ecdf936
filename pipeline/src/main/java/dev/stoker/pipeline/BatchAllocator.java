package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;

/**
 * Creates the pipeline's batch slabs, once, when the pipeline is built.
 *
 * <p>The default, {@link #offHeap()}, allocates plain off-heap memory from the pipeline's budget.
 * The TensorFlow adapter supplies one whose slabs are the memory of TensorFlow tensors, so that
 * handing a batch to a session copies nothing.
 */
@FunctionalInterface
public interface BatchAllocator {
  /**
   * Creates one slab.
   *
   * @param layout the images' layout; the slab holds {@code layout.byteSize()} bytes of images and
   *     {@code layout.batch()} {@code int64} labels
   * @param budget the budget the slab's bytes must be allocated from or reserved against
   * @param slabIndex which slab, from 0, for naming
   * @return the slab, owned by the pipeline
   */
  BatchMemory allocate(BatchLayout layout, MemoryBudget budget, int slabIndex);

  /**
   * Returns the default allocator: zero-filled off-heap memory from the budget, 64-byte aligned.
   *
   * @return the allocator
   */
  static BatchAllocator offHeap() {
    return (layout, budget, slabIndex) -> {
      OffHeapBuffer images =
          budget.allocate("batch slab " + slabIndex + " images", layout.byteSize());
      try {
        OffHeapBuffer labels =
            budget.allocate(
                "batch slab " + slabIndex + " labels",
                (long) layout.batch() * ElementType.INT64.byteSize());
        return new BatchMemory() {
          @Override
          public MemorySegment images() {
            return images.segment();
          }

          @Override
          public MemorySegment labels() {
            return labels.segment();
          }

          @Override
          public void close() {
            try {
              images.close();
            } finally {
              labels.close();
            }
          }
        };
      } catch (RuntimeException e) {
        images.close();
        throw e;
      }
    };
  }
}

package dev.stoker.tensorflow;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.pipeline.BatchAllocator;
import dev.stoker.pipeline.BatchMemory;

/**
 * A {@link BatchAllocator} whose slabs are TensorFlow tensors, so that a batch goes into a session
 * without a copy.
 *
 * <p>Each slab is one {@link TensorBatchMemory}: an image tensor ({@code TUint8} for {@code
 * ElementType.UINT8}, {@code TFloat32} for {@code FLOAT32}; shape {@code layout.shape()}, so {@code
 * [B, H, W, C]} for NHWC and {@code [B, C, H, W]} for NCHW) and a {@code TInt64} label tensor of
 * shape {@code [B]}. The pipeline's decode workers write into the tensors' own buffers, reached
 * through their data addresses:
 *
 * <pre>
 *   TensorFlow allocator ──► TFloat32 [B,H,W,C] ──data address──► MemorySegment ◄── decode workers
 *                                   │
 *                                   └──────── TensorBatch.of(batch).images() ──► Session.runner().feed
 * </pre>
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.open(PipelineOptions.builder()
 *     ...
 *     .elementType(ElementType.FLOAT32)
 *     .allocator(TensorBatchAllocator.create())
 *     .build());
 * }</pre>
 *
 * <p><b>Memory.</b> The tensors are allocated by TensorFlow (its CPU allocator, 64-byte aligned on
 * x86-64), not from the budget; their bytes ({@code layout.byteSize()} plus {@code 8 × B}) are
 * reserved against the pipeline's {@link MemoryBudget} before allocation, so the budget's limit and
 * leak checks cover them, and released when the slab closes. Allocation checks that TensorFlow's
 * buffer is as large as the layout and 64-byte aligned, and zero-fills it.
 *
 * <p>Only {@code UINT8} and {@code FLOAT32} images are supported; other element types fail when the
 * pipeline is built.
 *
 * <p><b>Ownership and threading.</b> The allocator is stateless and thread-safe. The slabs it
 * returns belong to the pipeline, which closes each once (see {@link TensorBatchMemory}).
 */
public final class TensorBatchAllocator implements BatchAllocator {
  private static final TensorBatchAllocator INSTANCE = new TensorBatchAllocator();

  private TensorBatchAllocator() {}

  /**
   * Returns the allocator.
   *
   * @return the allocator, shared and stateless
   */
  public static TensorBatchAllocator create() {
    return INSTANCE;
  }

  /**
   * Allocates one slab as two TensorFlow tensors.
   *
   * @param layout the images' layout; its element type must be {@code UINT8} or {@code FLOAT32}
   * @param budget the budget the tensors' bytes are reserved against
   * @param slabIndex which slab, for naming the reservations
   * @return a {@link TensorBatchMemory}, owned by the pipeline
   * @throws IllegalArgumentException when the element type is not supported
   * @throws IllegalStateException when TensorFlow's buffer is smaller than the layout or misaligned
   */
  @Override
  public BatchMemory allocate(BatchLayout layout, MemoryBudget budget, int slabIndex) {
    return TensorBatchMemory.allocate(layout, budget, slabIndex);
  }
}

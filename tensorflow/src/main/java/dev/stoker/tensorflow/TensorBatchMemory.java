package dev.stoker.tensorflow;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.Reservation;
import dev.stoker.pipeline.BatchMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * A batch slab whose memory is two TensorFlow tensors: the images, a {@link TUint8} or {@link
 * TFloat32} tensor of shape {@code layout.shape()}, and the labels, a {@link TInt64} tensor of
 * shape {@code [layout.batch()]}. {@link #images()} and {@link #labels()} are views of the tensors'
 * own buffers, so what the decode workers write is what TensorFlow reads.
 *
 * <p>Created by {@link TensorBatchAllocator}; consumers reach the tensors through {@link
 * TensorBatch}, which knows when a batch is partial and the slab's tensors have the wrong shape.
 *
 * <p><b>Ownership and threading.</b> The pipeline owns the slab (see {@link BatchMemory}) and
 * closes it once: that closes both tensors, invalidates the segments (a later access throws {@link
 * IllegalStateException} rather than touching freed memory) and releases the two reservations
 * against the pipeline's budget. The tensors must never be closed by anyone else. {@link #close()}
 * is idempotent and may be called from any thread, but not while another thread still uses the
 * segments: the pipeline guarantees that.
 */
public final class TensorBatchMemory implements BatchMemory {
  private static final long ALIGNMENT = MemoryBudget.DEFAULT_ALIGNMENT;

  private final TType imageTensor;
  private final TInt64 labelTensor;
  private final MemorySegment images;
  private final MemorySegment labels;
  private final Arena arena;
  private final Reservation imageBytes;
  private final Reservation labelBytes;
  private final MemoryBudget budget;
  private volatile boolean closed;

  private TensorBatchMemory(
      TType imageTensor,
      TInt64 labelTensor,
      MemorySegment images,
      MemorySegment labels,
      Arena arena,
      Reservation imageBytes,
      Reservation labelBytes,
      MemoryBudget budget) {
    this.imageTensor = imageTensor;
    this.labelTensor = labelTensor;
    this.images = images;
    this.labels = labels;
    this.arena = arena;
    this.imageBytes = imageBytes;
    this.labelBytes = labelBytes;
    this.budget = budget;
  }

  /**
   * Allocates the two tensors of one slab, reserving their bytes against {@code budget} first, and
   * zero-fills them.
   *
   * @throws IllegalArgumentException when the layout's element type is neither uint8 nor float32
   * @throws dev.stoker.core.memory.BudgetExceededException when the budget has too little left
   * @throws IllegalStateException when TensorFlow's buffer is smaller than the layout or not
   *     aligned to {@link MemoryBudget#DEFAULT_ALIGNMENT}
   */
  static TensorBatchMemory allocate(BatchLayout layout, MemoryBudget budget, int slabIndex) {
    Class<? extends TType> imageType = imageType(layout.elementType());
    long labelSize = (long) layout.batch() * ElementType.INT64.byteSize();
    String name = "batch slab " + slabIndex;
    Reservation imageBytes =
        budget.reserve(
            name + " images (TensorFlow " + layout.elementType() + " tensor)", layout.byteSize());
    Reservation labelBytes = null;
    TType imageTensor = null;
    TInt64 labelTensor = null;
    Arena arena = null;
    try {
      labelBytes = budget.reserve(name + " labels (TensorFlow INT64 tensor)", labelSize);
      Shape shape = Shape.of(layout.shape());
      imageTensor = imageType == TUint8.class ? TUint8.tensorOf(shape) : TFloat32.tensorOf(shape);
      labelTensor = TInt64.tensorOf(Shape.of(layout.batch()));
      arena = Arena.ofShared();
      MemorySegment images =
          TensorMemory.segment(imageTensor, name + " images", layout.byteSize(), ALIGNMENT, arena);
      MemorySegment labels =
          TensorMemory.segment(labelTensor, name + " labels", labelSize, ALIGNMENT, arena);
      images.fill((byte) 0);
      labels.fill((byte) 0);
      return new TensorBatchMemory(
          imageTensor, labelTensor, images, labels, arena, imageBytes, labelBytes, budget);
    } catch (RuntimeException | Error e) {
      closeAll(arena, imageTensor, labelTensor, imageBytes, labelBytes);
      throw e;
    }
  }

  /** The pipeline's budget, which the partial-batch copies of {@link TensorBatch} also draw on. */
  MemoryBudget budget() {
    return budget;
  }

  static Class<? extends TType> imageType(ElementType type) {
    return switch (type) {
      case UINT8 -> TUint8.class;
      case FLOAT32 -> TFloat32.class;
      default ->
          throw new IllegalArgumentException(
              "elementType=" + type + " (expected: UINT8 or FLOAT32 for TensorFlow image tensors)");
    };
  }

  /**
   * Returns the image tensor: a {@link TUint8} or {@link TFloat32} of shape {@code layout.shape()},
   * owned by the slab. Do not close it.
   *
   * @return the slab's image tensor
   * @throws IllegalStateException when the slab is closed
   */
  public TType imageTensor() {
    ensureOpen();
    return imageTensor;
  }

  /**
   * Returns the label tensor: a {@link TInt64} of shape {@code [layout.batch()]}, owned by the
   * slab. Do not close it.
   *
   * @return the slab's label tensor
   * @throws IllegalStateException when the slab is closed
   */
  public TInt64 labelTensor() {
    ensureOpen();
    return labelTensor;
  }

  @Override
  public MemorySegment images() {
    return images;
  }

  @Override
  public MemorySegment labels() {
    return labels;
  }

  /**
   * Tells whether the slab was closed and its tensors freed.
   *
   * @return true after {@link #close()}
   */
  public boolean isClosed() {
    return closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("tensor batch slab is closed");
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    closeAll(arena, imageTensor, labelTensor, imageBytes, labelBytes);
  }

  /** Closes in order: segments first, then the tensors, then the reservations; keeps going. */
  private static void closeAll(
      @Nullable Arena arena,
      @Nullable TType imageTensor,
      @Nullable TInt64 labelTensor,
      @Nullable Reservation imageBytes,
      @Nullable Reservation labelBytes) {
    RuntimeException failure = null;
    for (AutoCloseable c :
        new AutoCloseable[] {arena, imageTensor, labelTensor, imageBytes, labelBytes}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      } catch (Exception e) {
        throw new AssertionError("close() of " + c + " declared no checked exception", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

package dev.stoker.tensorflow;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.Checks;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.Reservation;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.BatchMemory;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * A {@link Batch} seen as TensorFlow tensors: what a training loop feeds to a session.
 *
 * <pre>{@code
 * while (pipeline.hasNext()) {
 *   try (Batch batch = pipeline.next();
 *       TensorBatch tensors = TensorBatch.of(batch)) {
 *     try (Result result = session.runner()
 *         .feed("images", tensors.images())      // TFloat32 [n, H, W, C], n = batch.size()
 *         .feed("labels", tensors.labels())      // TInt64 [n]
 *         .fetch("loss").run()) {
 *       ...
 *     }
 *   } // the wrapper first, then the batch: the slab goes back to the pipeline
 * }
 * }</pre>
 *
 * <p><b>Full batches: zero copy.</b> When the batch fills its slab ({@code batch.size() ==
 * layout.batch()}), {@link #images()} and {@link #labels()} return the slab's own tensors, the
 * memory the decode workers wrote into (the slab must come from {@link TensorBatchAllocator}).
 * Nothing is copied. Those tensors are <em>lent</em>: they are valid only until the batch is
 * closed, after which the pipeline refills them with a later batch, and they must never be closed
 * by the caller. A session run that reads them must finish before the batch is closed.
 *
 * <p><b>The last, partial batch of an epoch.</b> When {@code batch.size() < layout.batch()} (only
 * without drop-remainder), the slab's tensors have the wrong leading dimension, and TensorFlow Java
 * cannot make a tensor that views part of another's buffer. This wrapper then allocates two new
 * tensors of shape {@code [batch.size(), …]} and {@code [batch.size()]}, copies the valid samples
 * and labels into them, and owns them: {@link #close()} frees them. {@link #isView()} says which
 * case applies. The copies are TensorFlow's memory, reserved against the pipeline's {@link
 * MemoryBudget} ({@code "partial batch N copy"}) for as long as this wrapper lives: close it before
 * the batch, or the pipeline's budget reports them as leaked when it closes.
 *
 * <p><b>Ownership and threading.</b> The consumer creates the wrapper from a batch it holds and
 * closes it, before or together with the batch (a try-with-resources that opens the batch first
 * closes them in the right order). The wrapper does not close the batch. Like a TensorFlow tensor,
 * it is not thread-safe: use it from one thread at a time. After {@link #close()}, and after the
 * batch is closed, the accessors throw {@link IllegalStateException}. {@link #close()} is
 * idempotent.
 */
public final class TensorBatch implements AutoCloseable {
  private final Batch batch;
  private final TType images;
  private final TInt64 labels;
  private final boolean view;
  private final @Nullable Reservation copyBytes;
  private @Nullable TFloat32 targets;
  private boolean closed;

  private TensorBatch(
      Batch batch, TType images, TInt64 labels, boolean view, @Nullable Reservation copyBytes) {
    this.batch = batch;
    this.images = images;
    this.labels = labels;
    this.view = view;
    this.copyBytes = copyBytes;
  }

  /**
   * Returns a batch's tensors with its labels also encoded for a Keras {@code label_mode}: {@link
   * #targets()} then returns {@link #labels()} for {@link LabelMode#INT}, and a new tensor owned by
   * this wrapper for {@link LabelMode#CATEGORICAL} and {@link LabelMode#BINARY}.
   *
   * @param batch an open batch whose pipeline was built with {@link TensorBatchAllocator}
   * @param mode how the labels are encoded
   * @param classes the number of classes: the one-hot width; 2 for {@link LabelMode#BINARY}
   * @return the wrapper, owned by the caller, to be closed before or with the batch
   * @throws IllegalArgumentException when the slab is not a {@link TensorBatchMemory}, {@code
   *     classes} does not suit the mode, or a label is outside {@code [0, classes)}
   * @throws IllegalStateException when the batch is closed
   */
  public static TensorBatch of(Batch batch, LabelMode mode, int classes) {
    Checks.require(
        mode != LabelMode.BINARY || classes == 2,
        "classes",
        classes,
        "2 for labelMode BINARY (use CATEGORICAL or INT for more classes)");
    Checks.positive("classes", classes);
    TensorBatch tensors = of(batch);
    if (mode == LabelMode.INT) {
      return tensors;
    }
    try {
      int n = batch.size();
      for (int i = 0; i < n; i++) {
        long label = batch.label(i);
        if (label < 0 || label >= classes) {
          throw new IllegalArgumentException(
              Checks.message(
                  "label of sample " + batch.sampleId(i), label, "in [0, " + classes + ")"));
        }
      }
      TFloat32 encoded =
          mode == LabelMode.CATEGORICAL
              ? TFloat32.tensorOf(Shape.of(n, classes))
              : TFloat32.tensorOf(Shape.of(n, 1));
      tensors.targets = encoded;
      // A new tensor's memory is not cleared: every element is written.
      for (int i = 0; i < n; i++) {
        long label = batch.label(i);
        if (mode == LabelMode.CATEGORICAL) {
          for (int c = 0; c < classes; c++) {
            encoded.setFloat(c == label ? 1f : 0f, i, c);
          }
        } else {
          encoded.setFloat((float) label, i, 0);
        }
      }
      return tensors;
    } catch (RuntimeException | Error e) {
      tensors.close();
      throw e;
    }
  }

  /**
   * Returns a batch's tensors: the slab's own when the batch is full, owned copies when it is the
   * partial last batch of an epoch.
   *
   * @param batch an open batch whose pipeline was built with {@link TensorBatchAllocator}
   * @return the wrapper, owned by the caller, to be closed before or with the batch
   * @throws IllegalArgumentException when the batch's slab is not a {@link TensorBatchMemory}
   * @throws IllegalStateException when the batch is closed
   */
  public static TensorBatch of(Batch batch) {
    BatchMemory memory = batch.memory();
    if (!(memory instanceof TensorBatchMemory slab)) {
      throw new IllegalArgumentException(
          "batch.memory="
              + memory.getClass().getName()
              + " (expected: a TensorBatchMemory; build the pipeline with"
              + " .allocator(TensorBatchAllocator.create()))");
    }
    BatchLayout layout = batch.layout();
    if (batch.size() == layout.batch()) {
      return new TensorBatch(batch, slab.imageTensor(), slab.labelTensor(), true, null);
    }
    return copyOf(batch, layout, slab.budget());
  }

  private static TensorBatch copyOf(Batch batch, BatchLayout layout, MemoryBudget budget) {
    int n = batch.size();
    long[] dims = layout.shape();
    dims[0] = n;
    Shape shape = Shape.of(dims);
    MemorySegment sourceImages = batch.images();
    MemorySegment sourceLabels = batch.labels();
    Reservation copyBytes =
        budget.reserve(
            "partial batch " + batch.index() + " copy (TensorFlow tensors)",
            sourceImages.byteSize() + sourceLabels.byteSize());
    TType images = null;
    TInt64 labels = null;
    try {
      images =
          TensorBatchMemory.imageType(layout.elementType()) == TUint8.class
              ? TUint8.tensorOf(shape)
              : TFloat32.tensorOf(shape);
      labels = TInt64.tensorOf(Shape.of(n));
      long elementAlignment = layout.elementType().byteSize();
      MemorySegment.copy(
          sourceImages,
          0,
          TensorMemory.segment(
              images, "partial batch images", sourceImages.byteSize(), elementAlignment, null),
          0,
          sourceImages.byteSize());
      MemorySegment.copy(
          sourceLabels,
          0,
          TensorMemory.segment(
              labels,
              "partial batch labels",
              sourceLabels.byteSize(),
              ElementType.INT64.byteSize(),
              null),
          0,
          sourceLabels.byteSize());
      return new TensorBatch(batch, images, labels, false, copyBytes);
    } catch (RuntimeException | Error e) {
      closeQuietly(images, e);
      closeQuietly(labels, e);
      copyBytes.close();
      throw e;
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable tensor, Throwable failure) {
    if (tensor == null) {
      return;
    }
    try {
      tensor.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Returns the images: a {@link TUint8} or {@link TFloat32} tensor of shape {@code [size(), …]} in
   * the batch layout's order. When {@link #isView()}, the slab's own tensor: do not close it, and
   * do not use it after the batch is closed.
   *
   * @return the image tensor
   * @throws IllegalStateException when this wrapper or the batch is closed
   */
  public TType images() {
    ensureOpen();
    return images;
  }

  /**
   * Returns the images as the tensor type the caller expects.
   *
   * @param type {@code TFloat32.class} or {@code TUint8.class}
   * @param <T> the tensor type
   * @return the image tensor, with the same lifetime as {@link #images()}
   * @throws IllegalArgumentException when the images are of another type
   * @throws IllegalStateException when this wrapper or the batch is closed
   */
  public <T extends TType> T images(Class<T> type) {
    TType tensor = images();
    if (!type.isInstance(tensor)) {
      throw new IllegalArgumentException(
          "type="
              + type.getSimpleName()
              + " (expected: "
              + TensorBatchMemory.imageType(batch.layout().elementType()).getSimpleName()
              + ", the pipeline's element type "
              + batch.layout().elementType()
              + ")");
    }
    return type.cast(tensor);
  }

  /**
   * Returns the labels: a {@link TInt64} tensor of shape {@code [size()]}. When {@link #isView()},
   * the slab's own tensor: do not close it, and do not use it after the batch is closed.
   *
   * @return the label tensor
   * @throws IllegalStateException when this wrapper or the batch is closed
   */
  public TInt64 labels() {
    ensureOpen();
    return labels;
  }

  /**
   * Returns the labels as the model's targets, encoded as the {@link LabelMode} given to {@link
   * #of(Batch, LabelMode, int)}: the {@link #labels()} tensor for {@link LabelMode#INT} (and for a
   * wrapper made by {@link #of(Batch)}), a {@code TFloat32} of shape {@code [size(), classes]} or
   * {@code [size(), 1]} owned by this wrapper otherwise. Never close it.
   *
   * @return the target tensor, valid until this wrapper is closed
   * @throws IllegalStateException when this wrapper or the batch is closed
   */
  public TType targets() {
    ensureOpen();
    TFloat32 encoded = targets;
    return encoded != null ? encoded : labels;
  }

  /**
   * Returns how many samples the tensors hold: the leading dimension of both.
   *
   * @return {@code batch.size()}
   */
  public int size() {
    return batch.size();
  }

  /**
   * Tells whether the tensors are the slab's own (zero copy, lent until the batch closes) rather
   * than copies owned by this wrapper (the partial last batch of an epoch).
   *
   * @return true for the slab's own tensors
   */
  public boolean isView() {
    return view;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("tensor batch " + batch + " is closed");
    }
    batch.memory(); // throws IllegalStateException once the batch is closed
  }

  /**
   * Frees the copies of a partial batch and the encoded {@link #targets()}; for a full batch, only
   * ends this view. Never closes the batch or the slab's tensors. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    TFloat32 encoded = targets;
    if (encoded != null) {
      encoded.close();
    }
    if (!view) {
      try {
        images.close();
      } finally {
        try {
          labels.close();
        } finally {
          if (copyBytes != null) {
            copyBytes.close();
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "TensorBatch[" + batch + (view ? ", slab tensors]" : ", owned copies]");
  }
}

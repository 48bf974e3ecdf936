package dev.stoker.pipeline;

import dev.stoker.augment.AugmentExecutor;
import dev.stoker.augment.Augmentation;
import dev.stoker.augment.SamplePlan;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.Checks;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The standard way a sample becomes pixels: probe the header, plan the augmentation from the
 * image's size, decode at the cheapest DCT scale that still covers the planned crop, and let the
 * augmentation executor write the final values straight into the batch slab.
 *
 * <pre>
 *  encoded ─► probe ─► plan (seed, epoch, id, w, h) ─► DCT scale ─► decode into scratch
 *                                                                        │
 *             batch slab ◄── crop + resize + flip + colour + normalise + cast (one pass)
 * </pre>
 *
 * <p>The decoder is the best available for the format ({@link ImageDecoders}: libjpeg-turbo when
 * the system has it), its native buffers drawn from the worker's budget. The decoded image goes to
 * a per-worker scratch buffer from the same budget; it grows to the largest scaled image seen and
 * then stays, so the steady state allocates nothing.
 *
 * <p><b>Ownership and threading.</b> Created by the pipeline, one per worker, on the worker's
 * thread; used and closed there.
 */
public final class ImageSampleProcessor implements SampleProcessor {
  private final Augmentation augmentation;
  private final long seed;
  private final BatchLayout layout;
  private final MemoryBudget scratch;
  private final ImageDecoder decoder;
  private final AugmentExecutor executor;
  private @Nullable OffHeapBuffer pixels;

  private ImageSampleProcessor(
      Augmentation augmentation,
      Function<MemoryBudget, ImageDecoder> decoders,
      WorkerContext context) {
    this.augmentation = augmentation;
    this.seed = context.seed();
    this.layout = context.layout();
    this.scratch = context.scratch();
    Checks.require(
        augmentation.outputWidth() == layout.width()
            && augmentation.outputHeight() == layout.height(),
        "augmentation output",
        augmentation.outputWidth() + "×" + augmentation.outputHeight(),
        "the pipeline's image size " + layout.width() + "×" + layout.height());
    this.decoder = decoders.apply(scratch);
    try {
      this.executor = new AugmentExecutor(augmentation, scratch);
    } catch (RuntimeException e) {
      decoder.close();
      throw e;
    }
  }

  /**
   * Returns a factory of processors that decode with the best available decoder and apply an
   * augmentation.
   *
   * @param augmentation what to do to each image; its output size must be the pipeline's
   * @param decodeOptions the decoder's limits and strictness
   * @return the factory
   */
  public static SampleProcessor.Factory factory(
      Augmentation augmentation, DecodeOptions decodeOptions) {
    return budgetedFactory(augmentation, budget -> ImageDecoders.create(decodeOptions, budget));
  }

  /**
   * Returns a factory of processors that decode with decoders of the caller's choice (the
   * TensorFlow module supplies one that uses TensorFlow's {@code DecodeJpeg} op when libturbojpeg
   * is absent) and apply an augmentation.
   *
   * @param augmentation what to do to each image; its output size must be the pipeline's
   * @param decoders called once per worker, on the worker's thread; each decoder it returns is
   *     owned and closed by that worker's processor
   * @return the factory
   */
  public static SampleProcessor.Factory factory(
      Augmentation augmentation, Supplier<ImageDecoder> decoders) {
    return context -> new ImageSampleProcessor(augmentation, budget -> decoders.get(), context);
  }

  /**
   * Returns a factory of processors that decode with decoders of the caller's choice, each given
   * its worker's scratch budget for its native buffers (as {@link
   * ImageDecoders#create(DecodeOptions, MemoryBudget)} takes it), and apply an augmentation.
   *
   * @param augmentation what to do to each image; its output size must be the pipeline's
   * @param decoders called once per worker, on the worker's thread, with that worker's budget; each
   *     decoder it returns is owned and closed by that worker's processor
   * @return the factory
   */
  public static SampleProcessor.Factory budgetedFactory(
      Augmentation augmentation, Function<MemoryBudget, ImageDecoder> decoders) {
    return context -> new ImageSampleProcessor(augmentation, decoders, context);
  }

  @Override
  public void process(EncodedSample sample, MemorySegment images, int index) {
    MemorySegment encoded = sample.bytes();
    ImageInfo info = decoder.probe(encoded);
    SamplePlan plan =
        augmentation.plan(seed, sample.epoch(), sample.sampleId(), info.width(), info.height());
    DctScale scale =
        DctScale.choose(
            info.width(),
            info.height(),
            plan.geometry().window(),
            plan.geometry().outputWidth(),
            plan.geometry().outputHeight(),
            decoder.scales(info));
    int width = scale.scaled(info.width());
    int height = scale.scaled(info.height());
    int channels = layout.channels();
    long rowStride = (long) width * channels;
    MemorySegment target = scratchFor(rowStride * height);
    PixelBuffer decoded = decoder.decode(encoded, info, scale, channels, target, rowStride);
    SamplePlan scaled = scale == DctScale.FULL ? plan : plan.atDecodedSize(width, height);
    executor.execute(scaled, decoded, SampleTarget.of(images, layout, index));
  }

  private MemorySegment scratchFor(long bytes) {
    OffHeapBuffer current = pixels;
    if (current != null && current.byteSize() >= bytes) {
      return current.segment();
    }
    long size = Math.max(bytes, current == null ? 0 : Math.min(2 * current.byteSize(), bytes * 2));
    if (current != null) {
      current.close();
      pixels = null;
    }
    OffHeapBuffer grown = scratch.allocate("decoded image", size);
    pixels = grown;
    return grown.segment();
  }

  @Override
  public void close() {
    try {
      executor.close();
      decoder.close();
    } finally {
      OffHeapBuffer current = pixels;
      if (current != null) {
        current.close();
      }
    }
  }
}

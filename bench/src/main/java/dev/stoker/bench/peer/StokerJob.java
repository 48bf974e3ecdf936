package dev.stoker.bench.peer;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.HorizontalFlip;
import dev.stoker.augment.Normalization;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.augment.Resize;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.BatchAllocator;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.pipeline.SampleProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stoker's side of jobs G, P and T: a pipeline over a TFRecord shard that resizes every image to
 * {@code size × size} bilinear (no augmentation) and rescales to float32 in [0, 1], the exact
 * counterpart of {@link TfDataPipeline}; for job T, {@link #trainingProcessor} crops, flips and
 * normalises as {@link TfResNetTraining} does.
 *
 * <p><b>Ownership and threading.</b> Owns its source and pipeline; one consumer thread iterates and
 * closes it.
 */
public final class StokerJob implements AutoCloseable {
  /**
   * The largest encoded image accepted, the pipeline's default: multi-megapixel photos fit. Ring
   * slots are this large, so it shows in the resident memory.
   */
  public static final int MAX_ENCODED_BYTES = 4 << 20;

  private final TfRecordSource source;
  private final Pipeline pipeline;

  private StokerJob(TfRecordSource source, Pipeline pipeline) {
    this.source = source;
    this.pipeline = pipeline;
  }

  /**
   * Opens the pipeline.
   *
   * @param shard the shard
   * @param size the output side
   * @param batch images per batch
   * @param workers decode workers, or {@link PipelineOptions#AUTO}
   * @param prefetch batches prepared ahead, or {@link PipelineOptions#AUTO}
   * @param dctScaling whether the decoder may pick a DCT scale (job P); false decodes at full size
   *     as tf.data does (job G)
   * @param epochs how often to read the shard
   * @return the running job
   * @throws IOException when the shard cannot be opened
   */
  public static StokerJob open(
      Path shard, int size, int batch, int workers, int prefetch, boolean dctScaling, long epochs)
      throws IOException {
    return open(
        shard, size, batch, workers, prefetch, dctScaling, epochs, null, DecodeOptions.defaults());
  }

  /**
   * Opens the pipeline with a batch allocator of the caller's choice.
   *
   * @param shard the shard
   * @param size the output side
   * @param batch images per batch
   * @param workers decode workers
   * @param prefetch batches prepared ahead
   * @param dctScaling whether the decoder may pick a DCT scale
   * @param epochs how often to read the shard
   * @param allocator where batches live (the tensor allocator, for a job that feeds TensorFlow), or
   *     {@code null} for the pipeline's default off-heap slabs
   * @param decodeOptions the decoder's options ({@link DecodeOptions#fastDct()} for TensorFlow's
   *     default IDCT)
   * @return the running job
   * @throws IOException when the shard cannot be opened
   */
  public static StokerJob open(
      Path shard,
      int size,
      int batch,
      int workers,
      int prefetch,
      boolean dctScaling,
      long epochs,
      @Nullable BatchAllocator allocator,
      DecodeOptions decodeOptions)
      throws IOException {
    return open(
        shard,
        size,
        batch,
        workers,
        prefetch,
        epochs,
        allocator,
        processor(size, dctScaling, decodeOptions));
  }

  /**
   * Opens the pipeline with a processor of the caller's choice ({@link #trainingProcessor} for job
   * T).
   *
   * @param shard the shard
   * @param size the output side
   * @param batch images per batch
   * @param workers decode workers
   * @param prefetch batches prepared ahead
   * @param epochs how often to read the shard
   * @param allocator where batches live, or {@code null} for the pipeline's default off-heap slabs
   * @param processor what each worker does to a sample; its output must be {@code size × size}
   * @return the running job
   * @throws IOException when the shard cannot be opened
   */
  public static StokerJob open(
      Path shard,
      int size,
      int batch,
      int workers,
      int prefetch,
      long epochs,
      @Nullable BatchAllocator allocator,
      SampleProcessor.Factory processor)
      throws IOException {
    TfRecordSource source =
        TfRecordSource.open(
            TfRecordOptions.builder(List.of(shard.toString()))
                .maxSampleBytes(MAX_ENCODED_BYTES)
                .build());
    try {
      PipelineOptions.Builder options =
          PipelineOptions.builder()
              .name("bench")
              .source(source)
              .processor(processor)
              .imageSize(size, size)
              .elementType(ElementType.FLOAT32)
              .batchSize(batch)
              .workers(workers)
              .prefetchBatches(prefetch)
              .maxEncodedBytes(MAX_ENCODED_BYTES)
              .epochs(epochs)
              .seed(1);
      if (allocator != null) {
        options.allocator(allocator);
      }
      return new StokerJob(source, Pipeline.open(options.build()));
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /**
   * Returns the processor of the job: resize to {@code size × size} and rescale by 1/255.
   *
   * @param size the output side
   * @param dctScaling whether the decoder may pick a DCT scale
   * @return the processor factory
   */
  public static SampleProcessor.Factory processor(int size, boolean dctScaling) {
    return processor(size, dctScaling, DecodeOptions.defaults());
  }

  /**
   * Returns the processor of the job with the given decoder options.
   *
   * @param size the output side
   * @param dctScaling whether the decoder may pick a DCT scale
   * @param options the decoder's options
   * @return the processor factory
   */
  public static SampleProcessor.Factory processor(
      int size, boolean dctScaling, DecodeOptions options) {
    Augmentation resize =
        Augmentation.builder()
            .add(new Resize(size, size))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    return dctScaling
        ? ImageSampleProcessor.factory(resize, options)
        : ImageSampleProcessor.factory(
            resize, () -> new FullScaleDecoder(ImageDecoders.create(options)));
  }

  /**
   * Returns job T's processor, the counterpart of {@link TfResNetTraining}: TensorFlow's crop
   * sampler ({@link RandomResizedCrop#tensorflowResNet}), a horizontal flip with probability 1/2,
   * bilinear resize to {@code size × size} and ImageNet's mean/std normalisation, in one pass. The
   * decoder picks the cheapest DCT scale that still covers the crop at the output size.
   *
   * @param size the output side
   * @param options the decoder's options
   * @return the processor factory
   */
  public static SampleProcessor.Factory trainingProcessor(int size, DecodeOptions options) {
    return ImageSampleProcessor.factory(training(size), options);
  }

  /**
   * Returns job T's augmentation (see {@link #trainingProcessor}).
   *
   * @param size the output side
   * @return the augmentation
   */
  public static Augmentation training(int size) {
    return Augmentation.builder()
        .add(RandomResizedCrop.tensorflowResNet(size))
        .add(new HorizontalFlip(0.5))
        .normalization(Normalization.standardize(TfResNetTraining.mean(), TfResNetTraining.std()))
        .build();
  }

  /**
   * Returns the pipeline.
   *
   * @return the pipeline
   */
  public Pipeline pipeline() {
    return pipeline;
  }

  @Override
  public void close() {
    try {
      pipeline.close();
    } finally {
      source.close();
    }
  }
}

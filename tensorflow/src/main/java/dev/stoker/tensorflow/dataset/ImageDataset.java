package dev.stoker.tensorflow.dataset;

import dev.stoker.augment.Augmentation;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.Source;
import dev.stoker.io.source.FolderSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.pipeline.PipelineState;
import dev.stoker.tensorflow.LabelMode;
import dev.stoker.tensorflow.TensorBatch;
import dev.stoker.tensorflow.TensorBatchAllocator;
import dev.stoker.tensorflow.TensorDecoders;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A labelled image dataset ready for training, what Keras' {@code image_dataset_from_directory}
 * returns: one call opens it, each epoch is a {@link Pipeline} of batches, and each batch becomes
 * TensorFlow tensors with the labels encoded as the {@link LabelMode} asks.
 *
 * <pre>{@code
 * ImageDatasetSplits data = ImageDataset.fromDirectory("flowers")
 *     .validationSplit(0.2).seed(123)
 *     .imageSize(180, 180).batchSize(32)
 *     .labelMode(LabelMode.CATEGORICAL)
 *     .buildSplits();                                   // subset="both"
 * try (ImageDataset train = data.training(); ImageDataset val = data.validation()) {
 *   System.out.println(train.classNames());
 *   for (int epoch = 0; epoch < 10; epoch++) {
 *     try (Pipeline pipeline = train.open(epoch)) {
 *       while (pipeline.hasNext()) {
 *         try (Batch batch = pipeline.next();
 *             TensorBatch tensors = train.tensors(batch)) {
 *           session.runner().feed("x", tensors.images()).feed("y", tensors.targets())
 *               .addTarget("train").run().close();
 *         }
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Images are float32, {@code [batch, height, width, channels]} ({@code channels_last}; {@code
 * [batch, channels, height, width]} with {@code dataFormat("channels_first")}), with values in
 * {@code [0, 255]} as Keras yields them unless the augmentation rescales them. Epochs are shuffled
 * by the seed: epoch {@code e} of two datasets with the same seed is the same order; with {@code
 * shuffle(false)} every epoch is the sample-id order.
 *
 * <p><b>Ownership and threading.</b> The caller owns the dataset and closes it after every pipeline
 * it opened; closing it closes its source. {@link #open} may be called from any thread; each
 * pipeline is owned by its caller as {@link Pipeline} says.
 */
public final class ImageDataset implements AutoCloseable {
  private final Source source;
  private final Augmentation augmentation;
  private final DatasetShape shape;
  private final List<String> classNames;
  private final long sampleCount;

  ImageDataset(Source source, Augmentation augmentation, DatasetShape shape) {
    this.source = source;
    this.augmentation = augmentation;
    this.shape = shape;
    this.classNames = List.copyOf(source.labelNames());
    this.sampleCount = source.sampleCount().orElse(-1);
  }

  /**
   * Starts a dataset of images in class folders: {@code directory/<class>/<image>}, or the {@code
   * train/ val/ test/} layout with class folders in each.
   *
   * @param directory the dataset's root folder
   * @return a builder with Keras' defaults
   */
  public static ImageDatasetBuilder fromDirectory(String directory) {
    return new ImageDatasetBuilder(ImageDatasetBuilder.Kind.DIRECTORY, List.of(directory));
  }

  /**
   * Starts a dataset of TFRecord shards of {@code tf.train.Example}s (keys {@code image/encoded}
   * and {@code image/class/label}), such as {@code stoker tfrecord-convert} writes.
   *
   * @param files the shards: paths, URIs or globs
   * @return a builder with Keras' defaults
   */
  public static ImageDatasetBuilder fromTfRecords(List<String> files) {
    return new ImageDatasetBuilder(ImageDatasetBuilder.Kind.TFRECORD, files);
  }

  /**
   * Starts a dataset of Parquet files in the Hugging Face image layout (an {@code image} struct
   * with {@code bytes}, a {@code label} column). Needs {@code dev.stoker:stoker-parquet} on the
   * class path (an optional dependency of this module, since Parquet brings Hadoop).
   *
   * @param files the files: paths, URIs or globs
   * @return a builder with Keras' defaults
   */
  public static ImageDatasetBuilder fromParquet(List<String> files) {
    return new ImageDatasetBuilder(ImageDatasetBuilder.Kind.PARQUET, files);
  }

  /**
   * Returns the class names, label {@code i} being {@code classNames().get(i)}: Keras' {@code
   * class_names}.
   *
   * @return the names
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Returns how many images one epoch holds.
   *
   * @return the count, or -1 when the source cannot tell before reading
   */
  public long sampleCount() {
    return sampleCount;
  }

  /**
   * Returns how many batches one epoch yields: Keras' {@code len(dataset)}.
   *
   * @return the count, the last one possibly partial; -1 when the sample count is unknown
   */
  public long batchesPerEpoch() {
    return sampleCount < 0 ? -1 : (sampleCount + shape.batchSize() - 1) / shape.batchSize();
  }

  /**
   * Returns how the labels are encoded in {@link TensorBatch#targets()}.
   *
   * @return the label mode
   */
  public LabelMode labelMode() {
    return shape.labelMode();
  }

  /**
   * Returns what is done to each image: sizing, the random operations, and the normalization.
   *
   * @return the augmentation
   */
  public Augmentation augmentation() {
    return augmentation;
  }

  /**
   * Returns the source the dataset reads, for its sample ids and files.
   *
   * @return the source, owned by this dataset
   */
  public Source source() {
    return source;
  }

  /**
   * Returns the file a sample came from, for a folder dataset: how to match a prediction to its
   * image, with {@code Batch.sampleId(i)}.
   *
   * @param sampleId a sample id of this dataset
   * @return the file's location; empty for TFRecord and Parquet datasets
   */
  public Optional<String> file(long sampleId) {
    Source s = source instanceof RelabeledSource relabeled ? relabeled.delegate() : source;
    return s instanceof FolderSource folder ? Optional.of(folder.file(sampleId)) : Optional.empty();
  }

  /**
   * Opens the pipeline of one epoch. Different epochs are different shuffles (unless {@code
   * shuffle(false)}) and augmentation draws of the same seed.
   *
   * @param epoch the epoch, from 0
   * @return the pipeline, owned by the caller, which closes it before closing this dataset
   */
  public Pipeline open(long epoch) {
    PipelineOptions.Builder options =
        PipelineOptions.builder()
            .name(shape.name() + "-epoch-" + epoch)
            .source(source)
            .processor(TensorDecoders.processorFactory(augmentation, DecodeOptions.defaults()))
            .imageSize(shape.height(), shape.width())
            .channels(shape.channels())
            .channelOrder(shape.channelsFirst() ? ChannelOrder.NCHW : ChannelOrder.NHWC)
            .elementType(ElementType.FLOAT32)
            .batchSize(shape.batchSize())
            .shuffle(shape.shuffle())
            .workers(shape.workers())
            .seed(shape.seed())
            .epochs(epoch + 1)
            .maxEncodedBytes(shape.maxEncodedBytes())
            .allocator(TensorBatchAllocator.create());
    if (epoch > 0) {
      options.resumeFrom(new PipelineState(shape.seed(), epoch, 0));
    }
    return Pipeline.open(options.build());
  }

  /**
   * Returns a batch's tensors, the labels encoded as {@link #labelMode()} asks: {@link
   * TensorBatch#images()} for the model's input and {@link TensorBatch#targets()} for its labels.
   *
   * @param batch an open batch of a pipeline from {@link #open}
   * @return the tensors, owned by the caller, closed before or with the batch
   */
  public TensorBatch tensors(Batch batch) {
    return TensorBatch.of(batch, shape.labelMode(), classNames.size());
  }

  /**
   * Closes the source. Close every pipeline first.
   *
   * @throws IOException when the source fails to close
   */
  @Override
  public void close() throws IOException {
    source.close();
  }

  @Override
  public String toString() {
    return "ImageDataset["
        + source.name()
        + ", "
        + sampleCount
        + " images, "
        + classNames.size()
        + " classes, "
        + shape
        + "]";
  }
}

package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.Checks;
import dev.stoker.core.ElementType;
import dev.stoker.core.error.ErrorPolicy;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link Pipeline} is built from: immutable, validated where each option enters.
 *
 * <pre>{@code
 * PipelineOptions options = PipelineOptions.builder()
 *     .source(source)                    // what to read, in what order
 *     .processor(processorFactory)       // how one sample becomes pixels
 *     .imageSize(224, 224).elementType(ElementType.FLOAT32)
 *     .batchSize(128).workers(2).prefetchBatches(4)
 *     .seed(42).epochs(10)
 *     .build();
 * }</pre>
 *
 * <p>Every rejected value fails with the message form {@code name=value (expected: …)}.
 */
public final class PipelineOptions {
  private final Source source;
  private final Sharding sharding;
  private final SampleProcessor.Factory processor;
  private final BatchLayout layout;
  private final boolean dropRemainder;
  private final long epochs;
  private final int workers;
  private final int prefetchBatches;
  private final int ringSlots;
  private final int maxEncodedBytes;
  private final long seed;
  private final Ordering ordering;
  private final ErrorPolicy errorPolicy;
  private final long memoryLimit;
  private final long scratchLimitPerWorker;
  private final String name;
  private final BatchAllocator allocator;
  private final @Nullable PipelineState resumeFrom;

  private PipelineOptions(Builder b) {
    Checks.require(b.source != null, "source", null, "a Source");
    Checks.require(b.processor != null, "processor", null, "a SampleProcessor.Factory");
    this.source = b.source;
    this.sharding = b.sharding;
    this.processor = b.processor;
    this.layout =
        new BatchLayout(b.batchSize, b.height, b.width, b.channels, b.elementType, b.order);
    this.dropRemainder = b.dropRemainder;
    this.epochs = b.epochs;
    this.workers = b.workers;
    this.prefetchBatches = b.prefetchBatches;
    this.ringSlots = b.ringSlots > 0 ? b.ringSlots : defaultRingSlots(b.workers);
    this.maxEncodedBytes = b.maxEncodedBytes;
    this.seed = b.seed;
    this.ordering = b.ordering;
    this.errorPolicy = b.errorPolicy;
    this.scratchLimitPerWorker = b.scratchLimitPerWorker;
    this.name = b.name;
    this.allocator = b.allocator;
    this.resumeFrom = b.resumeFrom;
    long fixed = fixedBytes();
    long limit = b.memoryLimit > 0 ? b.memoryLimit : fixed + (workers + 1L) * scratchLimitPerWorker;
    Checks.require(
        limit >= fixed,
        "memoryLimit",
        limit,
        ">= "
            + fixed
            + " bytes: "
            + (prefetchBatches + 1)
            + " slabs of "
            + slabBytes()
            + " + "
            + ringSlots
            + " ring slots of "
            + maxEncodedBytes);
    this.memoryLimit = limit;
    if (resumeFrom != null) {
      Checks.require(resumeFrom.seed() == seed, "resumeFrom.seed", resumeFrom.seed(), "== " + seed);
      Checks.require(
          resumeFrom.epoch() < epochs, "resumeFrom.epoch", resumeFrom.epoch(), "< " + epochs);
      Checks.require(
          resumeFrom.position() % layout.batch() == 0,
          "resumeFrom.position",
          resumeFrom.position(),
          "a multiple of batchSize " + layout.batch());
    }
  }

  private static int defaultRingSlots(int workers) {
    return Integer.highestOneBit(Math.max(16, 4 * workers) - 1) << 1;
  }

  /**
   * Starts a builder with the defaults: 224×224×3 uint8 NHWC, batch 32, one epoch, two workers,
   * prefetch 2, deterministic order, fail fast, seed 0.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the bytes of one slab: images plus labels.
   *
   * @return the slab size in bytes
   */
  public long slabBytes() {
    return layout.byteSize() + (long) layout.batch() * ElementType.INT64.byteSize();
  }

  /**
   * Returns the most off-heap bytes the pipeline holds outside worker scratch: {@code
   * (prefetchBatches + 1)} slabs (one more than the prefetch depth, for the batch the consumer
   * holds), allocated when the pipeline is built, and the ring's slots at their largest. The slots
   * are allocated as samples arrive and follow their real sizes (at least 256 KiB each once used),
   * so the ring usually costs far less than {@code ringSlots × maxEncodedBytes}. Worker scratch
   * comes on top, up to {@link #scratchLimitPerWorker()} each.
   *
   * @return the bound in bytes
   */
  public long fixedBytes() {
    return (prefetchBatches + 1) * slabBytes() + (long) ringSlots * maxEncodedBytes;
  }

  /**
   * Returns the dataset.
   *
   * @return the source
   */
  public Source source() {
    return source;
  }

  /**
   * Returns this process's share of a multi-machine job.
   *
   * @return the sharding
   */
  public Sharding sharding() {
    return sharding;
  }

  /**
   * Returns how each worker's processor is made.
   *
   * @return the factory
   */
  public SampleProcessor.Factory processor() {
    return processor;
  }

  /**
   * Returns the layout of one batch slab.
   *
   * @return the layout
   */
  public BatchLayout layout() {
    return layout;
  }

  /**
   * Tells whether an epoch's last, partial batch is dropped.
   *
   * @return true to drop it
   */
  public boolean dropRemainder() {
    return dropRemainder;
  }

  /**
   * Returns how many epochs to deliver.
   *
   * @return the epoch count
   */
  public long epochs() {
    return epochs;
  }

  /**
   * Returns how many decode worker threads run.
   *
   * @return the worker count
   */
  public int workers() {
    return workers;
  }

  /**
   * Returns how many batches may be prepared ahead of the consumer.
   *
   * @return the prefetch depth in batches
   */
  public int prefetchBatches() {
    return prefetchBatches;
  }

  /**
   * Returns the number of encoded-sample slots in the ring between reader and workers.
   *
   * @return a power of two
   */
  public int ringSlots() {
    return ringSlots;
  }

  /**
   * Returns the largest encoded sample the ring accepts; a larger one is a sample error.
   *
   * @return the bound in bytes
   */
  public int maxEncodedBytes() {
    return maxEncodedBytes;
  }

  /**
   * Returns the seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the order in which batches reach the consumer.
   *
   * @return the ordering
   */
  public Ordering ordering() {
    return ordering;
  }

  /**
   * Returns what happens to a bad sample.
   *
   * @return the policy
   */
  public ErrorPolicy errorPolicy() {
    return errorPolicy;
  }

  /**
   * Returns the pipeline's off-heap limit: slabs, ring, every worker's scratch (its decoder's
   * buffers included) and the reader's stream buffers.
   *
   * @return the limit in bytes
   */
  public long memoryLimit() {
    return memoryLimit;
  }

  /**
   * Returns the most scratch memory one worker may hold (decoded full images before resizing, and
   * its decoder's native buffers); the reader thread's stream buffers (a TFRecord reader's frame
   * buffer per open shard) have the same limit.
   *
   * @return the bound in bytes
   */
  public long scratchLimitPerWorker() {
    return scratchLimitPerWorker;
  }

  /**
   * Returns the pipeline's name: its memory budget's and threads' name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the slab allocator.
   *
   * @return the allocator
   */
  public BatchAllocator allocator() {
    return allocator;
  }

  /**
   * Returns the position to resume from, or null to start at epoch 0.
   *
   * @return the state, or null
   */
  public @Nullable PipelineState resumeFrom() {
    return resumeFrom;
  }

  /** Builds {@link PipelineOptions}; each setter checks its value at once. */
  public static final class Builder {
    private @Nullable Source source;
    private Sharding sharding = Sharding.SINGLE;
    private SampleProcessor.@Nullable Factory processor;
    private int height = 224;
    private int width = 224;
    private int channels = 3;
    private ElementType elementType = ElementType.UINT8;
    private ChannelOrder order = ChannelOrder.NHWC;
    private int batchSize = 32;
    private boolean dropRemainder;
    private long epochs = 1;
    private int workers = 2;
    private int prefetchBatches = 2;
    private int ringSlots;
    private int maxEncodedBytes = 4 << 20;
    private long seed;
    private Ordering ordering = Ordering.DETERMINISTIC;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_FAST;
    private long memoryLimit;
    private long scratchLimitPerWorker = 256L << 20;
    private String name = "pipeline";
    private BatchAllocator allocator = BatchAllocator.offHeap();
    private @Nullable PipelineState resumeFrom;

    private Builder() {}

    /**
     * Sets the dataset. The pipeline reads it but does not own it: close it after the pipeline.
     *
     * @param value the source
     * @return this builder
     */
    public Builder source(Source value) {
      Checks.require(value != null, "source", null, "a Source");
      this.source = value;
      return this;
    }

    /**
     * Sets this process's share of a multi-machine job: every rank gets the same number of samples
     * per epoch. The default is the whole dataset.
     *
     * @param value the rank, world size and remainder policy
     * @return this builder
     */
    public Builder sharding(Sharding value) {
      Checks.require(value != null, "sharding", null, "a Sharding");
      this.sharding = value;
      return this;
    }

    /**
     * Sets how each worker turns an encoded sample into pixels.
     *
     * @param value the factory, called once per worker on that worker's thread
     * @return this builder
     */
    public Builder processor(SampleProcessor.Factory value) {
      Checks.require(value != null, "processor", null, "a SampleProcessor.Factory");
      this.processor = value;
      return this;
    }

    /**
     * Sets the output image size.
     *
     * @param h the height in pixels
     * @param w the width in pixels
     * @return this builder
     */
    public Builder imageSize(int h, int w) {
      this.height = Checks.inRange("height", h, 1, 1 << 14);
      this.width = Checks.inRange("width", w, 1, 1 << 14);
      return this;
    }

    /**
     * Sets the channels per pixel: 3 for RGB, 1 for gray.
     *
     * @param value the channel count
     * @return this builder
     */
    public Builder channels(int value) {
      Checks.require(value == 1 || value == 3, "channels", value, "1 or 3");
      this.channels = value;
      return this;
    }

    /**
     * Sets the output element type: {@code UINT8} or {@code FLOAT32}.
     *
     * @param value the type
     * @return this builder
     */
    public Builder elementType(ElementType value) {
      Checks.require(
          value == ElementType.UINT8 || value == ElementType.FLOAT32,
          "elementType",
          value,
          "UINT8 or FLOAT32");
      this.elementType = value;
      return this;
    }

    /**
     * Sets where the channel dimension sits.
     *
     * @param value NHWC or NCHW
     * @return this builder
     */
    public Builder channelOrder(ChannelOrder value) {
      Checks.require(value != null, "channelOrder", null, "NHWC or NCHW");
      this.order = value;
      return this;
    }

    /**
     * Sets the number of samples per batch.
     *
     * @param value the batch size
     * @return this builder
     */
    public Builder batchSize(int value) {
      this.batchSize = Checks.inRange("batchSize", value, 1, 1 << 16);
      return this;
    }

    /**
     * Sets whether an epoch's last, partial batch is dropped.
     *
     * @param value true to drop it
     * @return this builder
     */
    public Builder dropRemainder(boolean value) {
      this.dropRemainder = value;
      return this;
    }

    /**
     * Sets how many epochs to deliver.
     *
     * @param value the epoch count
     * @return this builder
     */
    public Builder epochs(long value) {
      this.epochs = Checks.positive("epochs", value);
      return this;
    }

    /**
     * Sets the number of decode worker threads.
     *
     * @param value the worker count
     * @return this builder
     */
    public Builder workers(int value) {
      this.workers = Checks.inRange("workers", value, 1, 256);
      return this;
    }

    /**
     * Sets how many batches may be prepared ahead of the consumer.
     *
     * @param value the prefetch depth
     * @return this builder
     */
    public Builder prefetchBatches(int value) {
      this.prefetchBatches = Checks.inRange("prefetchBatches", value, 1, 1024);
      return this;
    }

    /**
     * Sets the number of encoded-sample slots between the reader and the workers.
     *
     * @param value a power of two
     * @return this builder
     */
    public Builder ringSlots(int value) {
      Checks.require(
          value >= 2 && value <= (1 << 16) && Integer.bitCount(value) == 1,
          "ringSlots",
          value,
          "a power of two in [2, 65536]");
      this.ringSlots = value;
      return this;
    }

    /**
     * Sets the largest encoded sample accepted.
     *
     * @param value the bound in bytes
     * @return this builder
     */
    public Builder maxEncodedBytes(int value) {
      this.maxEncodedBytes = Checks.inRange("maxEncodedBytes", value, 1, Integer.MAX_VALUE - 64);
      return this;
    }

    /**
     * Sets the seed of every random choice: the plan's order and each sample's augmentation.
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the order in which batches reach the consumer.
     *
     * @param value the ordering
     * @return this builder
     */
    public Builder ordering(Ordering value) {
      Checks.require(value != null, "ordering", null, "DETERMINISTIC or AS_COMPLETED");
      this.ordering = value;
      return this;
    }

    /**
     * Sets what happens to a bad sample.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder errorPolicy(ErrorPolicy value) {
      Checks.require(value != null, "errorPolicy", null, "FAIL_FAST or SKIP_AND_REPORT");
      this.errorPolicy = value;
      return this;
    }

    /**
     * Sets the pipeline's off-heap limit. By default it is exactly the fixed need plus the scratch
     * limit of every worker and of the reader.
     *
     * @param value the limit in bytes
     * @return this builder
     */
    public Builder memoryLimit(long value) {
      this.memoryLimit = Checks.positive("memoryLimit", value);
      return this;
    }

    /**
     * Sets the most scratch memory one worker, and the reader, may hold.
     *
     * @param value the bound in bytes
     * @return this builder
     */
    public Builder scratchLimitPerWorker(long value) {
      this.scratchLimitPerWorker = Checks.positive("scratchLimitPerWorker", value);
      return this;
    }

    /**
     * Sets the pipeline's name, used for its memory budget and its threads.
     *
     * @param value the name
     * @return this builder
     */
    public Builder name(String value) {
      Checks.require(value != null && !value.isBlank(), "name", value, "a non-blank name");
      this.name = value;
      return this;
    }

    /**
     * Sets the slab allocator.
     *
     * @param value the allocator
     * @return this builder
     */
    public Builder allocator(BatchAllocator value) {
      Checks.require(value != null, "allocator", null, "a BatchAllocator");
      this.allocator = value;
      return this;
    }

    /**
     * Resumes from a saved position instead of starting at epoch 0.
     *
     * @param value the state from {@link Pipeline#state()}
     * @return this builder
     */
    public Builder resumeFrom(PipelineState value) {
      this.resumeFrom = value;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException when options contradict each other
     */
    public PipelineOptions build() {
      return new PipelineOptions(this);
    }
  }
}

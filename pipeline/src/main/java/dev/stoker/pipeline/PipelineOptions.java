package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.Checks;
import dev.stoker.core.ElementType;
import dev.stoker.core.error.ErrorPolicy;
import dev.stoker.io.EpochOrder;
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
 *     .batchSize(128)                    // workers and prefetch: AUTO unless set
 *     .seed(42).epochs(10)
 *     .build();
 * }</pre>
 *
 * <p><b>Autotuning.</b> {@link Builder#workers} and {@link Builder#prefetchBatches} default to
 * {@link #AUTO}: the pipeline starts with {@code min(cores, 2)} workers and 2 batches ahead, then
 * measures, window by window, how long the consumer waits, how busy the workers are and how full
 * the ring is, and adds a worker when the workers are saturated and a core is free, adds a batch
 * ahead when the consumer stalls while workers idle, and retires a worker when the consumer is the
 * limit. It never goes past {@link #maxWorkers()}, {@link #maxPrefetchBatches()} or the memory
 * limit; each decision is logged in one line and kept in {@link PipelineMetrics#tuning()}. A number
 * fixes the knob.
 *
 * <p>Every rejected value fails with the message form {@code name=value (expected: …)}.
 */
public final class PipelineOptions {
  /**
   * The value of {@link Builder#workers} and {@link Builder#prefetchBatches} that lets the pipeline
   * choose from what it measures; the default of both.
   */
  public static final int AUTO = 0;

  /**
   * The deepest prefetch AUTO grows to unless {@link Builder#maxPrefetchBatches} says otherwise.
   */
  public static final int AUTO_MAX_PREFETCH = 8;

  private static final int AUTO_START_PREFETCH = 2;

  private final Source source;
  private final Sharding sharding;
  private final SampleProcessor.Factory processor;
  private final BatchLayout layout;
  private final boolean dropRemainder;
  private final long epochs;
  private final int workers;
  private final int prefetchBatches;
  private final boolean autoWorkers;
  private final boolean autoPrefetch;
  private final int maxWorkers;
  private final int maxPrefetchBatches;
  private final int ringSlots;
  private final int maxEncodedBytes;
  private final long seed;
  private final EpochOrder epochOrder;
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
    int cores = Math.min(256, Runtime.getRuntime().availableProcessors());
    this.autoWorkers = b.workers == AUTO;
    this.autoPrefetch = b.prefetchBatches == AUTO;
    this.maxWorkers = autoWorkers ? (b.maxWorkers > 0 ? b.maxWorkers : cores) : b.workers;
    this.workers = autoWorkers ? Math.min(maxWorkers, Math.min(cores, 2)) : b.workers;
    this.maxPrefetchBatches =
        autoPrefetch
            ? (b.maxPrefetchBatches > 0 ? b.maxPrefetchBatches : AUTO_MAX_PREFETCH)
            : b.prefetchBatches;
    this.prefetchBatches =
        autoPrefetch ? Math.min(maxPrefetchBatches, AUTO_START_PREFETCH) : b.prefetchBatches;
    this.ringSlots = b.ringSlots > 0 ? b.ringSlots : defaultRingSlots(maxWorkers);
    this.maxEncodedBytes = b.maxEncodedBytes;
    this.seed = b.seed;
    this.epochOrder = b.epochOrder;
    this.ordering = b.ordering;
    this.errorPolicy = b.errorPolicy;
    this.scratchLimitPerWorker = b.scratchLimitPerWorker;
    this.name = b.name;
    this.allocator = b.allocator;
    this.resumeFrom = b.resumeFrom;
    long fixed = fixedBytes();
    long largest =
        (maxPrefetchBatches + 1L) * slabBytes()
            + (long) ringSlots * maxEncodedBytes
            + (maxWorkers + 1L) * scratchLimitPerWorker;
    long limit = b.memoryLimit > 0 ? b.memoryLimit : largest;
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
   * Starts a builder with the defaults: 224×224×3 uint8 NHWC, batch 32, one epoch, {@link #AUTO}
   * workers and prefetch, shuffled epochs, deterministic order, fail fast, seed 0.
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
   * comes on top, up to {@link #scratchLimitPerWorker()} each, and the reader's buffers, up to a
   * share of the same size. With {@link #AUTO} prefetch this is the bound at the start: the tuner
   * may add slabs up to {@link #maxPrefetchBatches()}, each checked against {@link #memoryLimit()}
   * first.
   *
   * @return the bound in bytes at the start
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
   * Returns how many decode worker threads run at the start: the configured count, or with {@link
   * #AUTO} {@code min(cores, 2, maxWorkers)}. {@link PipelineMetrics#workers()} tells how many run
   * now.
   *
   * @return the worker count at the start
   */
  public int workers() {
    return workers;
  }

  /**
   * Returns how many batches may be prepared ahead of the consumer at the start: the configured
   * depth, or 2 with {@link #AUTO}. {@link PipelineMetrics#prefetchBatches()} tells the depth now.
   *
   * @return the prefetch depth in batches at the start
   */
  public int prefetchBatches() {
    return prefetchBatches;
  }

  /**
   * Tells whether the pipeline chooses its worker count ({@link #AUTO}).
   *
   * @return true for AUTO
   */
  public boolean autoWorkers() {
    return autoWorkers;
  }

  /**
   * Tells whether the pipeline chooses its prefetch depth ({@link #AUTO}).
   *
   * @return true for AUTO
   */
  public boolean autoPrefetch() {
    return autoPrefetch;
  }

  /**
   * Returns the most workers that may run: the processors by default with {@link #AUTO}, else the
   * configured count.
   *
   * @return the bound
   */
  public int maxWorkers() {
    return maxWorkers;
  }

  /**
   * Returns the deepest prefetch: {@link #AUTO_MAX_PREFETCH} by default with {@link #AUTO}, else
   * the configured depth.
   *
   * @return the bound in batches
   */
  public int maxPrefetchBatches() {
    return maxPrefetchBatches;
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
   * Returns whether each epoch reads the samples shuffled or in sample-id order.
   *
   * @return {@link EpochOrder#SHUFFLED} unless {@link Builder#shuffle} turned it off
   */
  public EpochOrder epochOrder() {
    return epochOrder;
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
    private int workers = AUTO;
    private int prefetchBatches = AUTO;
    private int maxWorkers;
    private int maxPrefetchBatches;
    private int ringSlots;
    private int maxEncodedBytes = 4 << 20;
    private long seed;
    private EpochOrder epochOrder = EpochOrder.SHUFFLED;
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
     * Sets the number of decode worker threads, or {@link #AUTO} (the default) to let the pipeline
     * choose and change it as it runs.
     *
     * @param value the worker count, or AUTO
     * @return this builder
     */
    public Builder workers(int value) {
      Checks.require(
          value >= AUTO && value <= 256, "workers", value, "AUTO (0) or a count in [1, 256]");
      this.workers = value;
      return this;
    }

    /**
     * Sets how many batches may be prepared ahead of the consumer, or {@link #AUTO} (the default)
     * to let the pipeline deepen it when the consumer stalls while workers idle.
     *
     * @param value the prefetch depth, or AUTO
     * @return this builder
     */
    public Builder prefetchBatches(int value) {
      Checks.require(
          value >= AUTO && value <= 1024,
          "prefetchBatches",
          value,
          "AUTO (0) or a depth in [1, 1024]");
      this.prefetchBatches = value;
      return this;
    }

    /**
     * Sets the most workers {@link #AUTO} may run; ignored for a fixed count. Default: the
     * processors.
     *
     * @param value the bound
     * @return this builder
     */
    public Builder maxWorkers(int value) {
      this.maxWorkers = Checks.inRange("maxWorkers", value, 1, 256);
      return this;
    }

    /**
     * Sets the deepest prefetch {@link #AUTO} may reach; ignored for a fixed depth. Default: {@link
     * #AUTO_MAX_PREFETCH}.
     *
     * @param value the bound in batches
     * @return this builder
     */
    public Builder maxPrefetchBatches(int value) {
      this.maxPrefetchBatches = Checks.inRange("maxPrefetchBatches", value, 1, 1024);
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
     * Sets whether each epoch is shuffled (the default: a permutation keyed by the seed and the
     * epoch) or reads the samples in sample-id order, the same every epoch ({@link
     * EpochOrder#IN_ORDER}, Keras' {@code shuffle=False}; for a folder, the files sorted by class
     * and path). Sharding and {@link #resumeFrom} work the same either way; the seed still keys
     * every sample's augmentation.
     *
     * @param value false to read in sample-id order
     * @return this builder
     */
    public Builder shuffle(boolean value) {
      this.epochOrder = value ? EpochOrder.SHUFFLED : EpochOrder.IN_ORDER;
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
     * Sets the pipeline's off-heap limit. By default it is exactly what the largest configuration
     * may need: {@code (maxPrefetchBatches + 1)} slabs, the ring at its largest, and the scratch
     * limits of {@code maxWorkers} workers and of the reader. With {@link #AUTO} the pipeline grows
     * only within it.
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

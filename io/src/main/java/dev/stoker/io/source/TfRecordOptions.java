package dev.stoker.io.source;

import dev.stoker.core.Checks;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.Storages;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to read TFRecord shards of {@code tf.train.Example}s.
 *
 * <pre>{@code
 * TfRecordOptions options = TfRecordOptions.builder(List.of("/data/train-*-of-01024")).build();
 * }</pre>
 *
 * @param files shard locations or globs, read in the given order (each glob's matches sorted)
 * @param storage where the shards live
 * @param imageKey the bytes feature holding the encoded image
 * @param labelKey the int64 feature holding the label
 * @param compression the shards' compression; compressed shards are always read sequentially
 * @param indexSuffix the index file of shard {@code s} is {@code s + indexSuffix}
 * @param useIndexes whether to use index files when every shard has one: with them the source is
 *     random-access and its open reads only the small index files, never the shards; without them
 *     the open counts every shard's records (see {@link TfRecordSource} for what opening costs)
 * @param labelNames class names to report, or empty
 * @param cycle how many shards a sequential stream interleaves
 * @param maxSampleBytes the largest record accepted, checked on the frame's length before reading
 * @param retry how storage calls are retried after a transient failure ({@link RetryPolicy})
 * @param useManifest whether to take the shards' record counts from the {@code manifest.json} that
 *     {@code tfrecord-convert} writes beside them, when it lists a shard at its current size: the
 *     open then reads neither that shard nor its index (see {@link TfRecordSource})
 * @param counting whether the open learns every shard's record count ({@link Counting#UP_FRONT},
 *     the default) or starts at once without any ({@link Counting#NONE}); see {@link
 *     TfRecordSource} for what each costs and guarantees
 */
public record TfRecordOptions(
    List<String> files,
    Storage storage,
    String imageKey,
    String labelKey,
    TfRecordCompression compression,
    String indexSuffix,
    boolean useIndexes,
    List<String> labelNames,
    int cycle,
    int maxSampleBytes,
    RetryPolicy retry,
    boolean useManifest,
    Counting counting) {
  /** The default image feature, as TensorFlow's ImageNet conversion script writes it. */
  public static final String DEFAULT_IMAGE_KEY = "image/encoded";

  /** The default label feature. */
  public static final String DEFAULT_LABEL_KEY = "image/class/label";

  /**
   * Whether the source learns the shards' record counts before the first sample. The counts buy
   * exact per-record sharding over ranks, a known {@link dev.stoker.io.SampleStream#size()} and
   * random access with index files; without them the open costs a constant number of storage calls
   * whatever the number of shards, as {@code tf.data.TFRecordDataset(files).shard(...)} does.
   */
  public enum Counting {
    /**
     * The open learns every shard's count: from a conversion's manifest, the index files, or by
     * walking each shard (two storage calls per shard without a manifest). The default.
     */
    UP_FRONT,
    /**
     * The open only expands the globs; no shard, index or manifest is read. Streams read the
     * epoch's permutation of shards sequentially, each rank an equal share of the <em>shards</em>
     * (not of the records), and report an unknown size. Index files and the manifest are not used.
     */
    NONE
  }

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when an option is out of range
   */
  public TfRecordOptions {
    Checks.require(retry != null, "retry", retry, "non-null");
    Checks.require(files != null && !files.isEmpty(), "files", files, "at least one file or glob");
    files = List.copyOf(files);
    Checks.require(storage != null, "storage", storage, "non-null");
    Checks.require(imageKey != null && !imageKey.isEmpty(), "imageKey", imageKey, "a feature name");
    Checks.require(labelKey != null && !labelKey.isEmpty(), "labelKey", labelKey, "a feature name");
    Checks.require(compression != null, "compression", compression, "NONE, GZIP or ZLIB");
    Checks.require(
        indexSuffix != null && !indexSuffix.isEmpty(), "indexSuffix", indexSuffix, "a suffix");
    labelNames = List.copyOf(labelNames);
    Checks.inRange("cycle", cycle, 1, 1024);
    Checks.inRange(
        "maxSampleBytes", maxSampleBytes, 1, TfRecordReaderOptions.MAX_RECORD_LENGTH_LIMIT);
    Checks.require(counting != null, "counting", counting, "UP_FRONT or NONE");
  }

  /**
   * Starts options for some shards, every other option at its default: keys {@code image/encoded}
   * and {@code image/class/label}, no compression, index files {@code <shard>.idx} used when
   * present, counts from a conversion's manifest when present, counted up front, cycle 16, 64 MiB
   * per record, local storage.
   *
   * @param files shard locations or globs
   * @return a builder
   */
  public static Builder builder(List<String> files) {
    return new Builder(files);
  }

  /** Builds {@link TfRecordOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<String> files;
    private @Nullable Storage storage;
    private String imageKey = DEFAULT_IMAGE_KEY;
    private String labelKey = DEFAULT_LABEL_KEY;
    private TfRecordCompression compression = TfRecordCompression.NONE;
    private String indexSuffix = ".idx";
    private boolean useIndexes = true;
    private List<String> labelNames = List.of();
    private int cycle = 16;
    private int maxSampleBytes = 64 << 20;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private boolean useManifest = true;
    private Counting counting = Counting.UP_FRONT;

    private Builder(List<String> files) {
      this.files = files;
    }

    /**
     * Sets where the shards live. Default: the one {@link Storages#forLocation} picks for the first
     * location (a plain path is {@link LocalStorage}).
     *
     * @param storage the storage
     * @return this builder
     */
    public Builder storage(Storage storage) {
      this.storage = storage;
      return this;
    }

    /**
     * Sets the image and label features.
     *
     * @param image the bytes feature with the encoded image
     * @param label the int64 feature with the label
     * @return this builder
     */
    public Builder keys(String image, String label) {
      this.imageKey = image;
      this.labelKey = label;
      return this;
    }

    /**
     * Sets the shards' compression. Default: none.
     *
     * @param compression the compression
     * @return this builder
     */
    public Builder compression(TfRecordCompression compression) {
      this.compression = compression;
      return this;
    }

    /**
     * Sets the index file suffix. Default: {@code .idx}.
     *
     * @param suffix the suffix appended to a shard's location
     * @return this builder
     */
    public Builder indexSuffix(String suffix) {
      this.indexSuffix = suffix;
      return this;
    }

    /**
     * Sets whether index files are used when every shard has one. Default: true.
     *
     * @param use whether to use them
     * @return this builder
     */
    public Builder useIndexes(boolean use) {
      this.useIndexes = use;
      return this;
    }

    /**
     * Sets the class names to report.
     *
     * @param names the names, indexed by label
     * @return this builder
     */
    public Builder labelNames(List<String> names) {
      this.labelNames = names;
      return this;
    }

    /**
     * Sets how many shards a sequential stream interleaves. Default: 16.
     *
     * @param cycle the count
     * @return this builder
     */
    public Builder cycle(int cycle) {
      this.cycle = cycle;
      return this;
    }

    /**
     * Sets the largest record accepted.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxSampleBytes(int bytes) {
      this.maxSampleBytes = bytes;
      return this;
    }

    /**
     * Sets how storage calls are retried after a transient failure (a reset connection, a timeout);
     * when the last attempt fails the sample is reported as bad, naming the attempt count, and the
     * error policy decides. Default: {@link RetryPolicy#DEFAULT}.
     *
     * @param policy the policy; {@link RetryPolicy#NONE} for no retries
     * @return this builder
     */
    public Builder retry(RetryPolicy policy) {
      this.retry = policy;
      return this;
    }

    /**
     * Sets whether record counts come from a conversion's {@code manifest.json} when it lists the
     * shard at its current size. Default: true.
     *
     * @param use whether to use it
     * @return this builder
     */
    public Builder useManifest(boolean use) {
      this.useManifest = use;
      return this;
    }

    /**
     * Sets whether the open learns every shard's record count before the first sample. Default:
     * {@link Counting#UP_FRONT}. {@link Counting#NONE} starts at once, whatever the number of
     * shards, and gives up exact per-record sharding, a known stream size and index files (see
     * {@link TfRecordSource}).
     *
     * @param counting when the counts are learned
     * @return this builder
     */
    public Builder counting(Counting counting) {
      this.counting = counting;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException when an option is invalid
     */
    public TfRecordOptions build() {
      return new TfRecordOptions(
          files,
          storage != null ? storage : Storages.forLocations(files),
          imageKey,
          labelKey,
          compression,
          indexSuffix,
          useIndexes,
          labelNames,
          cycle,
          maxSampleBytes,
          retry,
          useManifest,
          counting);
    }
  }
}

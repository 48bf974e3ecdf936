package dev.stoker.io.source;

import dev.stoker.core.Checks;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.Storages;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to read Parquet shards of images.
 *
 * <p>The layout is chosen by the columns' names and types: when {@link #imageColumn()} is a group
 * with a binary {@code bytes} field, it is the Hugging Face layout ({@code image: struct<bytes,
 * path>}); when it is a binary column, the flat layout. {@link #labelColumn()} must be an INT32 or
 * INT64 column. Only these two columns are read.
 *
 * <pre>{@code
 * ParquetOptions options = ParquetOptions.builder(List.of("/data/train-*.parquet")).build();
 * }</pre>
 *
 * @param files shard locations or globs, read in the given order (each glob's matches sorted)
 * @param storage where the shards live
 * @param imageColumn the image column: a struct with {@code bytes}, or a binary column
 * @param labelColumn the integer label column
 * @param labelNames class names to report when the files carry none; empty to read them from the
 *     Hugging Face metadata
 * @param cycle how many row groups a stream interleaves, and so holds decoded at once
 * @param maxSampleBytes the largest image cell accepted; a larger one is a bad sample
 * @param retry how storage calls are retried after a transient failure ({@link RetryPolicy})
 */
public record ParquetOptions(
    List<String> files,
    Storage storage,
    String imageColumn,
    String labelColumn,
    List<String> labelNames,
    int cycle,
    long maxSampleBytes,
    RetryPolicy retry) {
  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when an option is out of range
   */
  public ParquetOptions {
    Checks.require(retry != null, "retry", retry, "non-null");
    Checks.require(files != null && !files.isEmpty(), "files", files, "at least one file or glob");
    files = List.copyOf(files);
    Checks.require(storage != null, "storage", storage, "non-null");
    Checks.require(
        imageColumn != null && !imageColumn.isEmpty(), "imageColumn", imageColumn, "a column name");
    Checks.require(
        labelColumn != null && !labelColumn.isEmpty(), "labelColumn", labelColumn, "a column name");
    labelNames = List.copyOf(labelNames);
    Checks.inRange("cycle", cycle, 1, 1024);
    Checks.positive("maxSampleBytes", maxSampleBytes);
  }

  /**
   * Starts options for some shards, every other option at its default: columns {@code image} and
   * {@code label}, cycle 2, 64 MiB per image, local storage.
   *
   * @param files shard locations or globs
   * @return a builder
   */
  public static Builder builder(List<String> files) {
    return new Builder(files);
  }

  /** Builds {@link ParquetOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<String> files;
    private @Nullable Storage storage;
    private String imageColumn = "image";
    private String labelColumn = "label";
    private List<String> labelNames = List.of();
    private int cycle = 2;
    private long maxSampleBytes = FolderOptions.DEFAULT_MAX_SAMPLE_BYTES;
    private RetryPolicy retry = RetryPolicy.DEFAULT;

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
     * Sets the image column. Default: {@code image}.
     *
     * @param name the column
     * @return this builder
     */
    public Builder imageColumn(String name) {
      this.imageColumn = name;
      return this;
    }

    /**
     * Sets the label column. Default: {@code label}.
     *
     * @param name the column
     * @return this builder
     */
    public Builder labelColumn(String name) {
      this.labelColumn = name;
      return this;
    }

    /**
     * Sets the class names, for files without Hugging Face metadata.
     *
     * @param names the names, indexed by label
     * @return this builder
     */
    public Builder labelNames(List<String> names) {
      this.labelNames = names;
      return this;
    }

    /**
     * Sets how many row groups a stream interleaves. Default: 2.
     *
     * @param cycle the count
     * @return this builder
     */
    public Builder cycle(int cycle) {
      this.cycle = cycle;
      return this;
    }

    /**
     * Sets the largest image cell accepted.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxSampleBytes(long bytes) {
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
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException when an option is invalid
     */
    public ParquetOptions build() {
      return new ParquetOptions(
          files,
          storage != null ? storage : Storages.forLocations(files),
          imageColumn,
          labelColumn,
          labelNames,
          cycle,
          maxSampleBytes,
          retry);
    }
  }
}

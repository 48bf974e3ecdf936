package dev.stoker.tfrecord;

import dev.stoker.core.Checks;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link TfRecordWriter} writes: the compression, an optional index file written alongside,
 * and the output buffer size.
 *
 * @param compression how the whole stream is compressed
 * @param indexFile where to write a DALI-style index ({@code offset size} per record), or null for
 *     none; only with {@link TfRecordCompression#NONE}, since offsets into a compressed stream
 *     cannot be used for random access
 * @param bufferSize bytes buffered before each write to the target
 */
public record TfRecordWriterOptions(
    TfRecordCompression compression, @Nullable Path indexFile, int bufferSize) {
  /** The default {@link #bufferSize()}: 256 KiB. */
  public static final int DEFAULT_BUFFER_SIZE = 256 << 10;

  /** Validates every option. */
  public TfRecordWriterOptions {
    Objects.requireNonNull(compression, "compression");
    Checks.inRange("bufferSize", bufferSize, 64, 1 << 30);
    Checks.require(
        indexFile == null || compression == TfRecordCompression.NONE,
        "compression",
        compression,
        "NONE when an indexFile is written");
  }

  /**
   * Returns the defaults: no compression, no index.
   *
   * @return the default options
   */
  public static TfRecordWriterOptions defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link TfRecordWriterOptions}; each setter names the option it sets. */
  public static final class Builder {
    private TfRecordCompression compression = TfRecordCompression.NONE;
    private @Nullable Path indexFile;
    private int bufferSize = DEFAULT_BUFFER_SIZE;

    private Builder() {}

    /**
     * Sets {@link TfRecordWriterOptions#compression()}.
     *
     * @param value the compression
     * @return this builder
     */
    public Builder compression(TfRecordCompression value) {
      this.compression = value;
      return this;
    }

    /**
     * Sets {@link TfRecordWriterOptions#indexFile()}.
     *
     * @param value the index file to write, or null for none
     * @return this builder
     */
    public Builder indexFile(@Nullable Path value) {
      this.indexFile = value;
      return this;
    }

    /**
     * Sets {@link TfRecordWriterOptions#bufferSize()}.
     *
     * @param value the buffer size in bytes
     * @return this builder
     */
    public Builder bufferSize(int value) {
      this.bufferSize = value;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first invalid option
     */
    public TfRecordWriterOptions build() {
      return new TfRecordWriterOptions(compression, indexFile, bufferSize);
    }
  }
}

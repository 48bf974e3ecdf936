package dev.stoker.tfrecord;

import dev.stoker.core.Checks;
import dev.stoker.core.memory.MemoryBudget;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link TfRecordReader} reads: the compression, which checks run, the largest record it
 * accepts, the read size and the name used in messages.
 *
 * <pre>{@code
 * TfRecordReaderOptions options =
 *     TfRecordReaderOptions.builder().compression(TfRecordCompression.GZIP).build();
 * }</pre>
 *
 * @param compression how the whole stream is compressed
 * @param verifyDataCrc whether each payload is checked against its masked CRC32C (the length CRC is
 *     always checked, since a bad length cannot be skipped safely)
 * @param maxRecordLength the largest payload accepted, checked before anything is allocated for it
 * @param readSize the initial buffer size and the size of each read from the source
 * @param sourceName the name used in exception messages; empty to use the file name, or {@code
 *     "stream"} when the reader is opened over a channel or an input stream
 * @param memoryBudget the budget the reader's buffer is drawn from (a source passes its stream's
 *     budget); {@code null} gives each reader a budget of its own, named {@code "tfrecord reader
 *     <source>"}, limited to what one frame of the largest accepted record needs and closed with
 *     the reader. The budget is not the options' to close: whoever created it does.
 */
public record TfRecordReaderOptions(
    TfRecordCompression compression,
    boolean verifyDataCrc,
    int maxRecordLength,
    int readSize,
    String sourceName,
    @Nullable MemoryBudget memoryBudget) {
  /** The default {@link #maxRecordLength()}: 256 MiB. */
  public static final int DEFAULT_MAX_RECORD_LENGTH = 256 << 20;

  /** The largest {@link #maxRecordLength()} accepted: 1 GiB. */
  public static final int MAX_RECORD_LENGTH_LIMIT = 1 << 30;

  /** The default {@link #readSize()}: 256 KiB. */
  public static final int DEFAULT_READ_SIZE = 256 << 10;

  /** Validates every option. */
  public TfRecordReaderOptions {
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(sourceName, "sourceName");
    Checks.inRange("maxRecordLength", maxRecordLength, 0, MAX_RECORD_LENGTH_LIMIT);
    Checks.inRange("readSize", readSize, 64, MAX_RECORD_LENGTH_LIMIT);
  }

  /**
   * Returns the defaults: no compression, both CRCs checked, 256 MiB records at most.
   *
   * @return the default options
   */
  public static TfRecordReaderOptions defaults() {
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

  /**
   * Starts from these options.
   *
   * @return a builder holding these options
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.compression = compression;
    b.verifyDataCrc = verifyDataCrc;
    b.maxRecordLength = maxRecordLength;
    b.readSize = readSize;
    b.sourceName = sourceName;
    b.memoryBudget = memoryBudget;
    return b;
  }

  /** Builds {@link TfRecordReaderOptions}; each setter names the option it sets. */
  public static final class Builder {
    private TfRecordCompression compression = TfRecordCompression.NONE;
    private boolean verifyDataCrc = true;
    private int maxRecordLength = DEFAULT_MAX_RECORD_LENGTH;
    private int readSize = DEFAULT_READ_SIZE;
    private String sourceName = "";
    private @Nullable MemoryBudget memoryBudget;

    private Builder() {}

    /**
     * Sets {@link TfRecordReaderOptions#compression()}.
     *
     * @param value the compression
     * @return this builder
     */
    public Builder compression(TfRecordCompression value) {
      this.compression = value;
      return this;
    }

    /**
     * Sets {@link TfRecordReaderOptions#verifyDataCrc()}.
     *
     * @param value whether payload CRCs are checked
     * @return this builder
     */
    public Builder verifyDataCrc(boolean value) {
      this.verifyDataCrc = value;
      return this;
    }

    /**
     * Sets {@link TfRecordReaderOptions#maxRecordLength()}.
     *
     * @param value the largest payload accepted, in bytes
     * @return this builder
     */
    public Builder maxRecordLength(int value) {
      this.maxRecordLength = value;
      return this;
    }

    /**
     * Sets {@link TfRecordReaderOptions#readSize()}.
     *
     * @param value bytes per read
     * @return this builder
     */
    public Builder readSize(int value) {
      this.readSize = value;
      return this;
    }

    /**
     * Sets {@link TfRecordReaderOptions#sourceName()}.
     *
     * @param value the name used in messages
     * @return this builder
     */
    public Builder sourceName(String value) {
      this.sourceName = value;
      return this;
    }

    /**
     * Sets {@link TfRecordReaderOptions#memoryBudget()}.
     *
     * @param value the budget the read buffer is drawn from, or {@code null} for one of the
     *     reader's own
     * @return this builder
     */
    public Builder memoryBudget(@Nullable MemoryBudget value) {
      this.memoryBudget = value;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first invalid option
     */
    public TfRecordReaderOptions build() {
      return new TfRecordReaderOptions(
          compression, verifyDataCrc, maxRecordLength, readSize, sourceName, memoryBudget);
    }
  }
}

package dev.stoker.spark;

import java.io.Serial;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * One Parquet row on its way from the task that read its file to the task that writes its shard:
 * the row's sample, or why it could not be read.
 *
 * @param id its dataset-wide sample id
 * @param label its label
 * @param filename its {@code image/filename}
 * @param bytes the encoded image, empty when {@code reason} is set
 * @param where the file and row it came from, when it could not be read
 * @param reason why it could not be read, or null
 */
@SuppressWarnings("ArrayRecordComponent") // handed over once, never compared
record ParquetCell(
    long id,
    long label,
    String filename,
    byte[] bytes,
    @Nullable String where,
    @Nullable String reason)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
}

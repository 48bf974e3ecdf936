package dev.stoker.spark;

import dev.stoker.convert.ParquetFeed;
import java.io.Serial;
import java.io.Serializable;

/**
 * One Parquet file's work for the task that reads it: for each of its rows, the shard job it goes
 * to and its place in its split's read order, as the driver planned them.
 *
 * @param part the file and its rows' sample ids
 * @param job per row (by row in the file), the index of the shard job it goes to
 * @param arrival per row, its place in its split's read order
 */
@SuppressWarnings("ArrayRecordComponent") // read only, never compared
record ParquetPart(ParquetFeed.Part part, int[] job, int[] arrival) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** The shuffle key of a row: its shard job, then its arrival, so a sort yields shard order. */
  long key(long id) {
    int row = Math.toIntExact(id - part.firstId());
    return ((long) job[row] << 32) | arrival[row];
  }

  /** The shard job of a shuffle key. */
  static int jobOf(long key) {
    return (int) (key >>> 32);
  }

  /** The arrival of a shuffle key. */
  static int arrivalOf(long key) {
    return (int) key;
  }
}

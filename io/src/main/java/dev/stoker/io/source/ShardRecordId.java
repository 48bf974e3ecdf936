package dev.stoker.io.source;

/**
 * The sample id of a record in TFRecord shards that were not counted ({@link
 * TfRecordOptions.Counting#NONE}): the shard's index in the source's shard list in the high bits,
 * the record's number within its shard in the low bits.
 *
 * <pre>
 *  63 62                        32 31                               0
 * +--+----------------------------+----------------------------------+
 * |0 |  shard (31 bits)           |  record in the shard (32 bits)   |
 * +--+----------------------------+----------------------------------+
 * </pre>
 *
 * <p>Without counts no dense numbering exists, so ids are sparse: unique and the same in every run
 * and epoch as long as the shard list and each shard's content are the same, but not below the
 * dataset's size. Ids are never negative. At most {@value #MAX_SHARDS} shards and {@code 2^32}
 * records per shard. Stateless.
 */
final class ShardRecordId {
  private ShardRecordId() {}

  /** How many low bits hold the record's number within its shard. */
  static final int RECORD_BITS = 32;

  /** The most records one shard may hold: {@code 2^32}. */
  static final long MAX_RECORDS = 1L << RECORD_BITS;

  /** The most shards a source may hold. */
  static final int MAX_SHARDS = Integer.MAX_VALUE;

  /**
   * Returns the id of a record.
   *
   * @param shard the shard's index, {@code >= 0}
   * @param record the record's number in the shard, in {@code [0, 2^32)}
   * @return the id
   */
  static long of(int shard, long record) {
    if (shard < 0 || record < 0 || record >= MAX_RECORDS) {
      throw new IllegalArgumentException(
          "shard=" + shard + ", record=" + record + " (expected: shard >= 0, record in [0, 2^32))");
    }
    return ((long) shard << RECORD_BITS) | record;
  }

  /** Returns the shard index of an id. */
  static int shard(long id) {
    return (int) (id >>> RECORD_BITS);
  }

  /** Returns the record number of an id. */
  static long record(long id) {
    return id & (MAX_RECORDS - 1);
  }
}

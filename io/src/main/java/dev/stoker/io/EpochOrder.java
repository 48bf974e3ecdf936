package dev.stoker.io;

/**
 * Whether an epoch reads the samples shuffled or in the dataset's own order: Keras' {@code shuffle}
 * argument. Passed to {@link Source#open(Cursor, Sharding, EpochOrder)}; the plan is {@link
 * EpochPlan#build} or {@link EpochPlan#inOrder}.
 */
public enum EpochOrder {
  /**
   * A seeded shuffle keyed by {@code (seed, epoch)}, as the source's {@link EpochPlan.Mode} draws.
   */
  SHUFFLED,
  /**
   * Sample ids in ascending order, the same every epoch whatever the seed: a folder's files in
   * (class, path) order, a shard's records or a Parquet file's rows in file order, shards and files
   * in the order given. Sharding and resuming work as for a shuffled epoch: rank {@code r} reads
   * the {@code r}-th contiguous run of ids.
   */
  IN_ORDER
}

package dev.stoker.spark;

import java.io.Serial;
import org.apache.spark.Partitioner;

/**
 * Sends each shuffled row to the partition of its shard job: partition {@code i} is job {@code i}.
 */
final class ShardPartitioner extends Partitioner {
  @Serial private static final long serialVersionUID = 1L;

  private final int jobs;

  ShardPartitioner(int jobs) {
    this.jobs = jobs;
  }

  @Override
  public int numPartitions() {
    return jobs;
  }

  @Override
  public int getPartition(Object key) {
    return ParquetPart.jobOf((Long) key);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardPartitioner p && p.jobs == jobs;
  }

  @Override
  public int hashCode() {
    return jobs;
  }
}

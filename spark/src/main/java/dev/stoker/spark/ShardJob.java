package dev.stoker.spark;

import dev.stoker.convert.PlannedSample;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * One task's work: a shard's file name and its samples, in arrival order.
 *
 * @param split the index of the shard's split
 * @param shard the shard's index in its split
 * @param file the shard's file name, without a folder
 * @param planned how many samples the layout assigns it, skipped ones included
 * @param samples the samples, in arrival order, when the task reads them itself (an image folder);
 *     empty when they reach the task through a shuffle (Parquet)
 */
record ShardJob(int split, int shard, String file, int planned, List<PlannedSample> samples)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  ShardJob {
    samples = List.copyOf(samples);
  }
}

package dev.stoker.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * A failure a test injects into one shard's first task attempt, to show that a retried task leaves
 * no duplicate or partial output. Never set outside tests.
 *
 * @param split the index of the shard's split
 * @param shard the shard's index
 * @param point where the first attempt fails
 */
public record FailureInjection(int split, int shard, Point point) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Where the attempt fails. */
  public enum Point {
    /** After half the shard's samples are read and written to the task's local file. */
    MID_WRITE,
    /** After the attempt's file is copied to the output's temporary folder, before its commit. */
    BEFORE_COMMIT
  }

  boolean hits(ShardJob job, int attempt, Point at) {
    return attempt == 0 && job.split() == split && job.shard() == shard && point == at;
  }
}

package dev.stoker.convert;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A committed shard, as the manifest lists it.
 *
 * @param file the shard's file name, without a folder
 * @param count how many records it holds
 * @param bytes its size
 * @param sha256 the SHA-256 of its bytes, in lower-case hex
 * @param labels how many records of each label it holds, by label
 */
public record ShardSummary(
    String file, long count, long bytes, String sha256, Map<Long, Long> labels)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Copies the label counts into a sorted map. */
  public ShardSummary {
    labels = new TreeMap<>(labels);
  }
}

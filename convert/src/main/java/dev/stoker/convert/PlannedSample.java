package dev.stoker.convert;

import java.io.Serial;
import java.io.Serializable;

/**
 * One sample of a conversion plan: where to read it and where it arrives in its split's order,
 * which decides its shard ({@link ShardLayout#shardOf}) and its place in the shard.
 *
 * @param split the index of its output split
 * @param arrival its place in the split's read order, from 0
 * @param id its sample id in the input
 * @param location the file to read, in the input's storage
 * @param label its label
 * @param filename the name written to {@code image/filename}
 */
public record PlannedSample(
    int split, long arrival, long id, String location, long label, String filename)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
}

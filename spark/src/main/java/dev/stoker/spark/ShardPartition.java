package dev.stoker.spark;

import java.io.Serial;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One TFRecord file, read by one task.
 *
 * @param location the file, a Hadoop path or URI
 */
record ShardPartition(String location) implements InputPartition {
  @Serial private static final long serialVersionUID = 1L;
}

/**
 * Stoker on Apache Spark: {@link dev.stoker.spark.SparkConvert}, {@code tfrecord-convert} as a
 * Spark job that writes the same shards and manifest, one task per shard.
 */
@NullMarked
package dev.stoker.spark;

import org.jspecify.annotations.NullMarked;

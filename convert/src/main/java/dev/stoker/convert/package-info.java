/**
 * The rules of converting a dataset into TFRecord shards, shared by {@code tfrecord-convert} and
 * the Spark conversion job: the seeded split, the balanced shard assignment ({@link
 * dev.stoker.convert.ShardLayout}), the strict decode and skip list, {@code --max-side}, {@code
 * --quality} and {@code --baseline} ({@link dev.stoker.convert.RecordEncoder}), the Example schema,
 * the crash-safe shard files ({@link dev.stoker.convert.OutputShard}) and the {@code
 * manifest.json}. Not API: it changes with the tools.
 */
@NullMarked
package dev.stoker.convert;

import org.jspecify.annotations.NullMarked;

/**
 * Where samples are and in what order to read them.
 *
 * <p>A {@link dev.stoker.io.Source} (image folders, TFRecord shards or Parquet shards, in {@code
 * dev.stoker.io.source}) opens a {@link dev.stoker.io.SampleStream} for each epoch. The order is an
 * {@link dev.stoker.io.EpochPlan} keyed by the {@link dev.stoker.io.Cursor}'s seed and epoch and
 * cut into equal shares by a {@link dev.stoker.io.Sharding}; the cursor's position resumes a stream
 * exactly. A bad sample surfaces as a {@link dev.stoker.io.SampleReadException} carrying the {@link
 * dev.stoker.core.error.SampleError} for the caller's error policy. Bytes come from a {@link
 * dev.stoker.io.storage.Storage}.
 */
@NullMarked
package dev.stoker.io;

import org.jspecify.annotations.NullMarked;

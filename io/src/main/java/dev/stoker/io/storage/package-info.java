/**
 * The storage seam: where a dataset's bytes live.
 *
 * <p>{@link dev.stoker.io.storage.Storage} is four operations (list or glob, size, sequential
 * channel, positional reads through a {@link dev.stoker.io.storage.RandomReader}). {@link
 * dev.stoker.io.storage.LocalStorage} implements it over NIO and {@link
 * dev.stoker.io.storage.HadoopStorage} over any Hadoop {@code FileSystem}.
 */
@NullMarked
package dev.stoker.io.storage;

import org.jspecify.annotations.NullMarked;

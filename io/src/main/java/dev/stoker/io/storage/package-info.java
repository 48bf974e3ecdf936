/**
 * The storage seam: where a dataset's bytes live.
 *
 * <p>{@link dev.stoker.io.storage.Storage} is four operations (list or glob, size, sequential
 * channel, positional reads through a {@link dev.stoker.io.storage.RandomReader}). {@link
 * dev.stoker.io.storage.LocalStorage} implements it over NIO. Other schemes come from add-on
 * modules ({@code stoker-hadoop}: {@code hdfs://}, {@code s3a://} with {@code stoker-s3}, ...) that
 * {@link dev.stoker.io.storage.Storages} finds through a {@link
 * dev.stoker.io.storage.StorageProvider} on the class path, so this module carries no Hadoop.
 */
@NullMarked
package dev.stoker.io.storage;

import org.jspecify.annotations.NullMarked;

package dev.stoker.io.storage;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * Where a dataset's bytes live: the four operations a source needs, and nothing else.
 *
 * <p>The seam is deliberately as small as Parquet's {@code InputFile}: list what is in a directory
 * (or matches a glob), ask a file's size, open a file for sequential reading, or open it for
 * positional reads. {@link LocalStorage} implements it over NIO; {@code HadoopStorage} (in {@code
 * stoker-hadoop}) over any Hadoop {@code FileSystem}, so {@code hdfs://}, {@code s3a://}, {@code
 * gs://} and the rest work as soon as the module and the connector are on the class path: {@link
 * Storages} finds it by the location's scheme through a {@link StorageProvider}.
 *
 * <p>A location is a string in the implementation's own syntax: a path for {@link LocalStorage}, a
 * URI or path for {@code HadoopStorage}. Locations returned by {@link #list} and {@link #glob} can
 * be passed back to every other method.
 *
 * <p><b>Errors.</b> A missing file throws {@link java.nio.file.NoSuchFileException}, a denied one
 * {@link java.nio.file.AccessDeniedException}; both carry the location, so messages name the file.
 *
 * <p><b>Threading.</b> Implementations are thread-safe and hold no per-file state; the channels and
 * readers they open belong to the caller.
 */
public interface Storage {
  /**
   * Lists a directory's direct children, sorted by name. Hidden entries are included; callers
   * decide what to skip.
   *
   * @param directory the directory
   * @return its entries, sorted by {@link StorageEntry#name()}
   * @throws IOException when the directory is missing, denied or not a directory
   */
  List<StorageEntry> list(String directory) throws IOException;

  /**
   * Returns the files that match a glob, sorted by location. The glob syntax is the shell's ({@code
   * *}, {@code ?}, {@code [abc]}, {@code {a,b}}); only the last path element may hold wildcards. A
   * location without wildcards matches itself if it is a file.
   *
   * @param pattern the glob
   * @return the matching files, possibly none
   * @throws IOException when the directory part is missing or unreadable
   */
  List<String> glob(String pattern) throws IOException;

  /**
   * Returns the size of a file.
   *
   * @param file the file
   * @return its size in bytes
   * @throws IOException when the file is missing or denied
   */
  long size(String file) throws IOException;

  /**
   * Opens a file for reading from its start. The caller owns the channel and closes it.
   *
   * @param file the file
   * @return a channel at offset 0
   * @throws IOException when the file is missing or denied
   */
  ReadableByteChannel openSequential(String file) throws IOException;

  /**
   * Opens a file for positional reads. The caller owns the reader and closes it.
   *
   * @param file the file
   * @return a reader
   * @throws IOException when the file is missing or denied
   */
  RandomReader openRandom(String file) throws IOException;

  /**
   * Joins a child name onto a directory location.
   *
   * @param directory the directory
   * @param name the child's name, without separators
   * @return the child's location
   */
  String resolve(String directory, String name);
}

package dev.stoker.convert;

import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One output shard: written under a hidden temporary name ({@code .NAME.partial}) and renamed to
 * its final name only by {@link #commit()}, after the writer is closed and the bytes hashed; an
 * interrupted run leaves only {@code .partial} files, which no reader takes for a shard.
 *
 * <p>Owned and used by the converter's writing thread. {@link #abort()} deletes the temporary
 * files; both it and {@code commit} close the writer.
 */
final class OutputShard {
  private final Path file;
  private final Path temp;
  private final @Nullable Path index;
  private final @Nullable Path tempIndex;
  private final MessageDigest digest = Digests.sha256();
  private final TfRecordWriter writer;
  private final Map<Long, Long> labels = new TreeMap<>();
  private long count;
  private @Nullable String sha256;
  private volatile boolean committed;
  private long bytes;

  OutputShard(Path file, @Nullable Path index, TfRecordWriterOptions.Builder options)
      throws IOException {
    this.file = file;
    this.temp = file.resolveSibling("." + file.getFileName() + ".partial");
    this.index = index;
    this.tempIndex =
        index == null ? null : index.resolveSibling("." + index.getFileName() + ".partial");
    OutputStream out =
        new DigestOutputStream(
            Files.newOutputStream(
                temp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            digest);
    this.writer = TfRecordWriter.open(out, options.indexFile(tempIndex).build());
  }

  void write(byte[] record, long label) throws IOException {
    writer.write(record);
    labels.merge(label, 1L, Long::sum);
    count++;
  }

  void commit() throws IOException {
    writer.close();
    sha256 = HexFormat.of().formatHex(digest.digest());
    bytes = Files.size(temp);
    if (index != null && tempIndex != null) {
      Files.move(
          tempIndex, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  void abort() {
    try {
      writer.close();
    } catch (IOException e) {
      // The partial file is deleted below; the run already failed with its own error.
    }
    try {
      Files.deleteIfExists(temp);
      if (tempIndex != null) {
        Files.deleteIfExists(tempIndex);
      }
    } catch (IOException e) {
      // Best effort: a hidden .partial file left behind is never taken for a shard.
    }
  }

  /**
   * Deletes the temporary files without touching the writer: for a shutdown hook, which may run
   * while the writing thread is still inside {@code write}. On POSIX the open file is unlinked and
   * vanishes when the JVM exits.
   */
  void deleteTemporaryFiles() {
    try {
      Files.deleteIfExists(temp);
      if (tempIndex != null) {
        Files.deleteIfExists(tempIndex);
      }
    } catch (IOException e) {
      // Best effort while the JVM exits: a hidden .partial file is never taken for a shard.
    }
  }

  Path file() {
    return file;
  }

  boolean committed() {
    return committed;
  }

  long count() {
    return count;
  }

  Map<Long, Long> labels() {
    return labels;
  }

  String sha256() {
    if (sha256 == null) {
      throw new IllegalStateException(file + ": not committed");
    }
    return sha256;
  }

  long bytes() {
    return bytes;
  }

  ShardSummary summary() {
    return new ShardSummary(file.getFileName().toString(), count, bytes, sha256(), labels);
  }
}

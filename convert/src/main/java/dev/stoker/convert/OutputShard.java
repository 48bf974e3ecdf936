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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One output shard: its records are kept in the run's {@link RecordSpill} until {@link #commit()},
 * which writes them in arrival order under a hidden temporary name ({@code .NAME.partial}), hashes
 * the bytes and renames the file to its final name. So a run holds one shard file open at a time
 * however many shards it writes, and an interrupted run leaves only {@code .partial} files, which
 * no reader takes for a shard.
 *
 * <p>Owned and used by the converter's writing thread. {@link #abort()} deletes the temporary
 * files; a shard that fails to commit (a full disk) deletes them too.
 */
final class OutputShard {
  private final Path file;
  private final Path temp;
  private final @Nullable Path index;
  private final @Nullable Path tempIndex;
  private final RecordSpill spill;
  private final TfRecordWriterOptions.Builder options;
  private final Map<Long, Long> labels = new TreeMap<>();
  private long[] offsets = new long[4];
  private int[] lengths = new int[4];
  private int count;
  private @Nullable String sha256;
  private volatile boolean committed;
  private long bytes;

  OutputShard(
      Path file, @Nullable Path index, RecordSpill spill, TfRecordWriterOptions.Builder options) {
    this.file = file;
    this.temp = file.resolveSibling("." + file.getFileName() + ".partial");
    this.index = index;
    this.tempIndex =
        index == null ? null : index.resolveSibling("." + index.getFileName() + ".partial");
    this.spill = spill;
    this.options = options;
  }

  void write(byte[] record, long label) throws IOException {
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
    }
    offsets[count] = spill.append(record);
    lengths[count] = record.length;
    labels.merge(label, 1L, Long::sum);
    count++;
  }

  void commit() throws IOException {
    MessageDigest digest = Digests.sha256();
    try {
      OutputStream out =
          new DigestOutputStream(
              Files.newOutputStream(
                  temp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE),
              digest);
      try (TfRecordWriter writer = TfRecordWriter.open(out, options.indexFile(tempIndex).build())) {
        for (int i = 0; i < count; i++) {
          writer.write(spill.read(offsets[i], lengths[i]));
        }
      }
    } catch (IOException e) {
      abort();
      throw new IOException(
          file + ": not written (" + e.getMessage() + "); its partial file was removed", e);
    }
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
    deleteTemporaryFiles();
  }

  /**
   * Deletes the temporary files: for {@link #abort()} and for a shutdown hook, which may run while
   * the writing thread is still inside {@code commit}. On POSIX an open file is unlinked and
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
